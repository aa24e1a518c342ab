"""Chinese numerals (两点, 十点半, 二零一五, 廿) to integers."""

from __future__ import annotations

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUM = "[0-9０-９零〇一二两兩三四五六七八九十廿百千]"


def cn_int(text: str) -> int:
    """Value of a numeral written in Arabic digits, Chinese digits, or both (一九九八, 二十五)."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace("廿", "二十")
    if text.isdigit():
        return int(text)
    if not any(c in _UNITS for c in text):  # digit by digit: 二零一五
        return int("".join(str(_DIGITS[c]) if c in _DIGITS else c for c in text))
    total, current = 0, 0
    for char in text:
        if char in _UNITS:
            total += (current or 1) * _UNITS[char]
            current = 0
        elif char.isdigit():
            current = current * 10 + int(char)
        else:
            current = _DIGITS[char]
    return total + current
