"""A meeting's ordinal number ("14th") in the reader's language, to stand before "meeting".

The catalogs then place it: "%(ordinal)s meeting" is "14e réunion", "第14次会议", "الاجتماع 14".
"""

from django.utils import translation


def ordinal(n):
    language = translation.get_language() or "en"
    if language.startswith("fr"):
        return "1re" if n == 1 else f"{n}e"  # la réunion
    if language.startswith("es"):
        return f"{n}.ª"  # la reunión
    if language.startswith("ru"):
        return f"{n}-е"  # заседание
    if language.startswith(("zh", "ar")):
        return str(n)  # the catalog's sentence carries the ordinal marker (第…次, الاجتماع …)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
