"""Whether a log was with a senior person (tier A's monthly senior contact, docs/pipeline.md).

A keyword rule on what the rep typed: the log names a senior title. English titles are
matched as whole words (CEO, VP, director, head of ...); "VP" and "GM" only in capitals
("gm" is also "good morning"), and "owner" only as a business's owner (the bot's own
"owner" is the rep). Chinese titles are matched as words (总经理, 总监, 董事, 老板 ...), and
the usual way of naming a boss, a surname and 总 (王总), when 总 does not start a common
word (总是, 总结, 总共, 总部, 总价 ...). A plain manager (经理, "manager") is not senior.
Either side's title counts: "our CEO joined the call" counts too.
"""

from __future__ import annotations

import re

_B, _E = r"(?<![A-Za-z0-9])", r"(?![A-Za-z0-9])"  # word edges that also hold beside Chinese
_EN = re.compile(
    _B + r"(?:c[eftoim]o|c-(?:level|suite)|(?:vice[- ])?president|directors?|head of"
    r"|general manager|chair(?:man|woman|person)?|(?:co-?)?founders?|boss"
    r"|(?:business|company|factory|shop|store|restaurant) owner"
    r"|owner of (?:the |their |its )?(?:company|business|factory|shop|store|firm))" + _E,
    re.IGNORECASE)
_EN_CAPITALS = re.compile(_B + r"(?:[SE]?VP|GM)" + _E)
_ZH = re.compile(r"总经理|总裁|总监|董事|老板|老总|副总|厂长|创始人|首席|高管"
                 r"|(?:公司|对方|客户|他们)高层|高层领导")
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋"
             "蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段"
             "雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
# Not a surname when it ends a word (为何, 每周, 提高, 对方 ...); 总 starting a word (总是, 总结).
_NOT_BEFORE = "为如任几每提最升太很对双各"
_NOT_AFTER = "是共结部价额计体之算量数账产值而"
_ZH_BOSS = re.compile(rf"(?<![{_NOT_BEFORE}])[{_SURNAMES}]总(?![{_NOT_AFTER}]|的来说)")


def names_senior_person(text: str) -> bool:
    """Whether the text names a senior title (English or Chinese), so the contact counts as one
    with a senior person."""
    return any(p.search(text) for p in (_EN, _EN_CAPITALS, _ZH, _ZH_BOSS))
