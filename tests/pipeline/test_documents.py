"""Documents: 《》 titles and named documents, typed as policy, publication, work or agreement."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orggraph.pipeline import extract
from orggraph.pipeline.documents import title_kind
from orggraph.records import ArticleFacts, DocumentKind
from tests.factories import source


def run(text: str) -> ArticleFacts:
    return extract(source(text))


def kinds(text: str) -> dict[str, DocumentKind]:
    return {d.title: d.kind for d in run(text).documents}


@pytest.mark.parametrize(
    ("text", "title", "kind"),
    [
        ("经验被《人民日报》宣传推介。", "人民日报", DocumentKind.PUBLICATION),
        ("《省委要情通报》专刊推介我市经验。", "省委要情通报", DocumentKind.PUBLICATION),
        ("被《中国组织人事报》等媒体推介。", "中国组织人事报", DocumentKind.PUBLICATION),
        (
            "制定实施《加强年轻干部培养选拔10条措施》。",
            "加强年轻干部培养选拔10条措施",
            DocumentKind.POLICY,
        ),
        (
            "出台《关于激励村干部担当作为的二十条措施》。",
            "关于激励村干部担当作为的二十条措施",
            DocumentKind.POLICY,
        ),
        (
            "配套出台《城市小区党组织管理办法(试行)》。",
            "城市小区党组织管理办法(试行)",
            DocumentKind.POLICY,
        ),
        (
            "建立以《吸引人才政策10条(试行)》为总纲的政策体系。",
            "吸引人才政策10条(试行)",
            DocumentKind.POLICY,
        ),
        ("深入实施《干部考察谈话60问》。", "干部考察谈话60问", DocumentKind.POLICY),
        ("签订《文化旅游战略合作框架协议》。", "文化旅游战略合作框架协议", DocumentKind.AGREEMENT),
        ("组织党员观看《太行丰碑》艺术党课。", "太行丰碑", DocumentKind.WORK),
        ("作了题为《奋力推进高质量发展》专题讲座。", "奋力推进高质量发展", DocumentKind.WORK),
    ],
)
def test_titles_are_typed(text: str, title: str, kind: DocumentKind) -> None:
    assert kinds(text)[title] is kind


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("制定落实省委文件的市委“九条措施”,推动资源下沉。", "九条措施"),
        ("梳理制定40条“干部能力紧缺清单”。", "干部能力紧缺清单"),
        ("市委组织部出台改进干部考核工作三项措施,引导干部。", "改进干部考核工作三项措施"),
        ("正修订人才公寓管理办法,提升保障水平。", "人才公寓管理办法"),
    ],
)
def test_documents_named_without_title_marks(text: str, title: str) -> None:
    assert kinds(text)[title] is DocumentKind.POLICY


def test_a_quoted_program_ending_in_jihua_is_not_a_document() -> None:
    assert run("大力实施村级后备力量“千人计划”。").documents == ()


def test_national_rules_have_no_local_issuer() -> None:
    (doc,) = run("坚持把学习《中国共产党纪律处分条例》与理论学习结合起来。").documents
    assert doc.kind is DocumentKind.POLICY and doc.issuer is None


def test_media_have_no_issuer_unless_the_title_names_a_place() -> None:
    (doc,) = run("怀化市经验被《人民日报》推介。").documents
    assert doc.issuer is None


def test_evidence_covers_the_whole_title() -> None:
    text = "出台《乡村人才振兴十五条措施》等文件。"
    (doc,) = run(text).documents
    assert text[doc.evidence.start : doc.evidence.end] == "《乡村人才振兴十五条措施》"


def test_each_title_is_listed_once() -> None:
    text = "《人民日报》报道。《人民日报》再次报道。"
    assert [d.title for d in run(text).documents] == ["人民日报"]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("十二项措施(试行)", DocumentKind.POLICY),
        ("湖南日报", DocumentKind.PUBLICATION),
        ("三湘风纪网", DocumentKind.PUBLICATION),
        ("校地合作协议书", DocumentKind.AGREEMENT),
        ("关于进一步加强基层建设", DocumentKind.POLICY),
    ],
)
def test_title_endings(title: str, kind: DocumentKind) -> None:
    assert title_kind(title) is kind


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="加强干部人才建设工作队伍基层10二十条", min_size=1, max_size=20))
def test_any_title_is_found_whole(title: str) -> None:
    text = f"制定《{title}》。"
    (doc,) = run(text).documents
    assert doc.title == title.strip()
    assert text[doc.evidence.start : doc.evidence.end] == f"《{title}》"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "去年5月,某县委办公室公布推进村级议事规范化建设的实施方案,明确三项任务。",
            "推进村级议事规范化建设的实施方案",
        ),
        ("区委组织部印发了社区工作者队伍管理办法,规范考核。", "社区工作者队伍管理办法"),
        (
            "市里研究制定关于加强乡镇干部队伍建设的若干意见,推动落实。",
            "关于加强乡镇干部队伍建设的若干意见",
        ),
    ],
)
def test_a_naming_cue_frames_a_bare_title(text: str, title: str) -> None:
    assert kinds(text)[title] is DocumentKind.POLICY


@pytest.mark.parametrize(
    "text",
    [
        "各乡镇迅速出台具体举措,推动工作落地。",
        "街道制定了初步方案,征求群众意见。",
        "省里出台12条政策措施,支持返乡创业。",
        "合作社与企业签订销售合作协议,打开销路。",
        "镇里印发“服务、管理、监督”3张清单,压实责任。",
        "全县实施“两通一美”工程,改善村容村貌。",
        "制定形成了覆盖全镇的考核办法。",
    ],
)
def test_clauses_counts_and_generic_nouns_are_not_titles(text: str) -> None:
    assert run(text).documents == ()


def test_the_issuer_is_the_place_before_the_verb() -> None:
    text = "江西省赣州市委组织部印发社区工作者队伍管理办法,规范考核。"
    facts = run(text)
    (doc,) = facts.documents
    names = {p.key: p.name for p in facts.places}
    assert doc.issuer is not None and names.get(doc.issuer) == "赣州市"


@pytest.mark.parametrize(
    "text",
    [
        "村两委牵头制定整治方案,改造管网。",
        "公司党委每年制定党委工作计划,围绕生产经营。",
        "县里下发紧急通知,要求排查隐患。",
        "我们制定专门的培养管理办法,留住人才。",
    ],
)
def test_a_document_noun_with_a_short_or_generic_modifier_is_no_title(text: str) -> None:
    assert run(text).documents == ()


def test_and_inside_a_bare_title_joins_its_nouns_not_two_titles() -> None:
    text = "修订完善机关工作人员与企业往来行为规范,绷紧纪律之弦。"
    assert set(kinds(text)) == {"机关工作人员与企业往来行为规范"}


def test_a_declared_short_title_is_not_a_second_document() -> None:
    text = "近日印发了修订后的《村务管理工作条例》(以下简称《条例》)。《条例》共六章。"
    assert set(kinds(text)) == {"村务管理工作条例"}


@pytest.mark.parametrize(
    ("text", "title", "kind"),
    [
        ("协会修改了《青年志愿者协会章程》。", "青年志愿者协会章程", DocumentKind.POLICY),
        (
            "同期印发的《全县人才发展规划(2024—2028年)》明确了目标。",
            "全县人才发展规划(2024—2028年)",
            DocumentKind.POLICY,
        ),
        ("他写了一篇作文,题目为《我的家乡》。", "我的家乡", DocumentKind.WORK),
        ("开发《读懂乡村振兴》等系列课程。", "读懂乡村振兴", DocumentKind.WORK),
    ],
)
def test_statutes_periods_essays_and_courses_are_typed(
    text: str, title: str, kind: DocumentKind
) -> None:
    assert kinds(text)[title] is kind


@pytest.mark.parametrize(
    "text",
    [
        "街道每月下发工作提示和服务清单,各站点照办。",
        "支部及时制定学习工作计划和任务清单,抓好落实。",
    ],
)
def test_generic_document_nouns_joined_by_and_are_no_title(text: str) -> None:
    assert run(text).documents == ()


@pytest.mark.parametrize(
    ("text", "title", "kind"),
    [
        ("在《滨江日报》《滨江电视台》开辟专栏,报道经验。", "滨江电视台", DocumentKind.PUBLICATION),
        ("这里是歌曲《山那边的村庄》诞生地。", "山那边的村庄", DocumentKind.WORK),
        ("组织参选人签署《廉洁履职承诺书》。", "廉洁履职承诺书", DocumentKind.AGREEMENT),
    ],
)
def test_media_songs_and_pledges_are_typed(text: str, title: str, kind: DocumentKind) -> None:
    assert kinds(text)[title] is kind


def test_a_bare_title_cut_before_its_kind_word_is_no_title() -> None:
    text = "今年省里出台关于规范村级事务、机制牌子的若干措施,要求减负。"
    assert all(title.endswith("措施") for title in kinds(text))
