"""Clean drafts written for the precision measurement: the genre's ordinary language,
its standard formulations, reduplications, numbers, dates, English names and links —
everything a check must leave alone."""

from __future__ import annotations

from ideodesk.core.draft import Draft, Section, Signature


def S(  # noqa: N802 - reads like a table below
    heading: str, *paragraphs: str, children=None, run_in=False, numbering=None, type_="general"
) -> Section:
    return Section(
        type=type_, heading=heading, run_in=run_in, paragraphs=list(paragraphs),
        children=children or [], child_numbering=numbering,
    )  # fmt: skip


def speech() -> Draft:
    return Draft(
        genre="speech",
        title="在全县2024年意识形态工作会议上的讲话",
        addressee="同志们：",
        variables={"单位": "中共红河县委宣传部", "会议名称": "全县意识形态工作会议"},
        sections=[
            S(
                "",
                "今天，我们召开全县意识形态工作会议，主要任务是深入学习贯彻党的二十大和二十届二中、三中全会精神，"
                "总结工作，分析形势，部署任务。刚才，县委宣传部通报了上半年工作情况，几个单位作了交流发言，讲得很好。"
                "下面，我讲几点意见。",
                type_="opening",
            ),
            S(
                "提高政治站位，充分认识做好意识形态工作的重要意义",
                "意识形态工作是党的一项极端重要的工作。习近平总书记强调，意识形态工作是为国家立心、为民族立魂的工作。"
                "我们要深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，"
                "时刻绷紧意识形态工作这根弦，切实把思想和行动统一到党中央决策部署上来。",
                "当前，世界百年未有之大变局加速演进，意识形态领域斗争依然复杂。总书记的重要论述为我们做好工作指明了方向，"
                "我们必须常常对照、时时检视，一步步把各项要求落到实处。",
                type_="significance",
            ),
            S(
                "肯定成绩，客观看待意识形态工作取得的成效",
                children=[
                    S(
                        "工作机制不断健全",
                        "县委常委会每半年专题研究1次意识形态工作，全年召开分析研判会4次，"
                        "建立了意识形态工作责任清单，做到同部署、同落实、同检查、同考核。",
                        run_in=True,
                    ),
                    S(
                        "理论武装持续深化",
                        "坚持“第一议题”制度，理论学习中心组集中学习12次，开展“百姓宣讲”活动236场次，"
                        "覆盖群众3.2万人次。各乡镇认认真真抓学习，扎扎实实抓落实。",
                        run_in=True,
                    ),
                    S(
                        "阵地管理更加规范",
                        "加强对报告会、研讨会、讲座、论坛和网站、微信公众号、QQ群的管理，"
                        "网络舆情监测实现7×24小时全覆盖，详见县融媒体中心网站 www.hhxrmt.cn 公布的数据。",
                        run_in=True,
                    ),
                ],
                numbering="yishi",
                type_="achievements",
            ),
            S(
                "突出重点，扎实推进意识形态工作各项任务",
                children=[
                    S(
                        "加强理论武装",
                        "要以习近平新时代中国特色社会主义思想为指导，用党的创新理论武装头脑、指导实践、推动工作。"
                        "各级党委（党组）理论学习中心组要把学习贯彻党的二十届三中全会精神作为重点，做到学深悟透、融会贯通。",
                        run_in=True,
                        type_="measures",
                    ),
                    S(
                        "强化阵地建设",
                        "坚持党管宣传、党管意识形态、党管媒体，巩固壮大主流思想舆论。"
                        "要建好用好县级融媒体中心和新时代文明实践中心，推动媒体深度融合发展。",
                        run_in=True,
                        type_="measures",
                    ),
                    S(
                        "做好风险防范",
                        "要坚持底线思维，增强忧患意识，及时研判意识形态领域风险隐患，"
                        "对苗头性、倾向性问题早发现、早报告、早处置，坚决防范化解重大风险。",
                        run_in=True,
                        type_="measures",
                    ),
                ],
                type_="measures",
            ),
            S(
                "加强组织领导，确保各项工作落到实处",
                children=[
                    S(
                        "压实工作责任",
                        "各级党组织要认真落实意识形态工作责任制，党委（党组）书记要履行第一责任人职责，"
                        "班子成员要落实“一岗双责”，切实做到守土有责、守土负责、守土尽责。",
                        run_in=True,
                    ),
                    S(
                        "加强队伍建设",
                        "要按照政治过硬、本领高强的要求，建设一支忠诚干净担当的宣传思想文化工作队伍。",
                        run_in=True,
                    ),
                    S(
                        "严格督查考核",
                        "要把意识形态工作纳入党建工作责任制和领导班子、领导干部目标管理，"
                        "对工作不力的严肃问责。",
                        run_in=True,
                    ),
                ],
                numbering="yiyao",
                type_="requirements",
            ),
            S(
                "",
                "同志们，做好意识形态工作使命光荣、责任重大。让我们更加紧密地团结在以习近平同志为核心的党中央周围，"
                "踔厉奋发、勇毅前行，为奋力谱写中国式现代化红河新篇章作出新的更大贡献！",
                type_="closing",
            ),
        ],
        signature=Signature("中共红河县委宣传部", "2024年8月20日"),
    )


def report() -> Draft:
    return Draft(
        genre="report",
        title="中共红河县委宣传部关于2024年上半年意识形态领域情况的分析研判报告",
        addressee="县委：",
        variables={"单位": "中共红河县委宣传部", "年份": "2024"},
        sections=[
            S(
                "",
                "按照意识形态工作责任制要求，我部对2024年上半年意识形态领域情况进行了分析研判，现将有关情况报告如下：",
                type_="opening",
            ),
            S(
                "意识形态工作开展情况",
                children=[
                    S(
                        "落实主体责任",
                        "制定《2024年意识形态工作要点》，召开专题会议3次。一是细化责任分工；二是健全工作机制；"
                        "三是强化督查考核。",
                        run_in=True,
                    ),
                    S(
                        "加强理论武装",
                        "组织开展党纪学习教育，举办读书班2期，推动学习贯彻习近平新时代中国特色社会主义思想走深走实。"
                        "（1）集中学习；（2）专题研讨；（3）交流发言。",
                        run_in=True,
                    ),
                    S(
                        "强化阵地管理",
                        "对全县23个新媒体账号开展排查，清理“僵尸”账号5个，在“学习强国”平台发稿16篇。",
                        run_in=True,
                    ),
                ],
                type_="achievements",
            ),
            S(
                "当前意识形态领域总体形势研判",
                "总的看，全县意识形态领域形势总体平稳可控，主流思想舆论不断巩固壮大，社会大局和谐稳定。"
                "但也要清醒看到，网络舆论生态依然复杂，个别热点事件容易引发炒作。",
                type_="situation",
            ),
            S(
                "存在的风险隐患和问题",
                children=[
                    S(
                        "思想认识有待进一步提高",
                        "个别单位对意识形态工作重视不够，存在“重业务、轻思想”的倾向。",
                        run_in=True,
                    ),
                    S(
                        "网络阵地管理有待加强",
                        "少数单位对所属微信公众号的内容审核把关不严，第一时间处置舆情的能力不足。",
                        run_in=True,
                    ),
                ],
                type_="problems",
            ),
            S(
                "原因分析",
                "究其原因，主要是责任传导层层递减，工作机制还不够健全，队伍能力与新形势新任务的要求还有差距。",
                type_="causes",
            ),
            S(
                "下一步工作措施",
                children=[
                    S("持续压实责任", "严格落实意识形态工作责任制，层层压实责任。", run_in=True),
                    S("加强分析研判", "每季度开展1次分析研判，重要节点随时研判。", run_in=True),
                    S(
                        "做好舆情处置",
                        "健全网络舆情监测、研判、处置机制，做到早发现、早报告、早处置。",
                        run_in=True,
                    ),
                ],
                type_="measures",
            ),
            S("", "特此报告。", type_="closing"),
        ],
        signature=Signature("中共红河县委宣传部", "2024年7月5日"),
    )
