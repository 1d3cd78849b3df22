"""How «У кого поучиться» reads, in the comparison window and the passport: a named organization by its name and
its figures, one that did not agree to be named as «ППО вашего размера в вашем регионе» — with its figures in the
territory's own window, without them in the passport a chair receives (an unnamed organization's score never
leaves the territory, as the benchmark file gives none away)."""

from __future__ import annotations

from maturity.engine.learn_from import LearnFrom, Peer
from maturity.method.profile import Profile
from maturity.views.numbers import format_change, format_score

TITLE = "У кого поучиться"


def peer_name(profile: Profile, peer: Peer) -> str:
    """The peer's name, or who it is without one: «ППО вашего размера в вашем регионе»."""
    if peer.name is not None:
        return peer.name
    where = "в вашем регионе" if peer.same_region else "из другого региона"
    return f"{profile.organization_level_short(peer.level)} вашего размера {where}"


UNNAMED_FIGURES = "показатель выше вашего; связаться поможет территориальная организация"


def peer_line(profile: Profile, peer: Peer, unnamed_figures: bool = True) -> str:
    """«ППО «Завод»: 82,5 (+12,0 за год)». ``unnamed_figures`` False (what leaves the territory: the passport):
    an organization that did not agree to be named is shown without its figures either."""
    if not peer.named and not unnamed_figures:
        return f"{peer_name(profile, peer)} ({UNNAMED_FIGURES})"
    gain = f" ({format_change(peer.gain)} за год)" if peer.gain is not None else " (годом раньше не оценивалась)"
    return f"{peer_name(profile, peer)}: {format_score(peer.value)}{gain}"


def kpi_title(profile: Profile, kpi_id: str) -> str:
    kpi = profile.kpi(kpi_id)
    return f"{kpi.id.upper()}. {kpi.title}"


def learn_from_lines(profile: Profile, found: LearnFrom, unnamed_figures: bool = True) -> list[str]:
    """The heading sentence, then one line a peer (or why there is none); ``unnamed_figures``: see :func:`peer_line`."""
    title = kpi_title(profile, found.kpi_id)
    own = format_score(found.own_value)
    if found.band_label is None:
        return [f"{title} — у вас {own}. Численность организации не указана: не с кем сравнить по размеру."]
    group = f"{profile.organization_level_short(found.level)}, {found.band_label}"
    head = f"{title} — у вас {own}. Среди похожих организаций ({group}) выше у:"
    if not found.peers:
        if found.similar:
            return [f"{title} — у вас {own}: среди похожих организаций ({group}) выше ни у кого нет."]
        return [f"{title} — у вас {own}. Похожих организаций ({group}) с оценкой за этот год нет."]
    return [head, *(f"  {peer_line(profile, peer, unnamed_figures)}" for peer in found.peers)]
