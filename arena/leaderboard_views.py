"""Leaderboard pages and downloads: public boards, the rater's own board, snapshots."""

import csv

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from arena import charts
from arena.leaderboards import (
    Board,
    BoardFilter,
    board_categories,
    board_languages,
    leaderboard_compute,
    leaderboard_timeline,
    personal_leaderboard,
    row_json,
    snapshot_create,
    snapshot_reproduce,
)
from arena.models import LeaderboardSnapshot
from arena.prompt_files import CATEGORY_RE, LANGUAGE_RE
from arena.raters import session_rater


def board_filter_from(request) -> BoardFilter:
    """The filter of a request's query string; unknown shapes are ignored, not trusted."""
    category = request.GET.get("category", "").strip("/")
    language = request.GET.get("language", "")
    return BoardFilter(
        category=category if CATEGORY_RE.match(category) else "",
        language=language if LANGUAGE_RE.match(language) else "",
    )


def _query(board_filter: BoardFilter) -> str:
    parts = [
        f"{k}={v}"
        for k, v in (("category", board_filter.category), ("language", board_filter.language))
        if v
    ]
    return ("?" + "&".join(parts)) if parts else ""


def board_context(board: Board, *, with_timeline: bool = True) -> dict:
    names = [c.label for c in board.tables.contestants]
    order = [board.tables.contestants.index(row.contestant) for row in board.rows]
    heatmap = [
        {
            "name": names[i],
            "cells": [
                {
                    "value": None
                    if board.win_rate[i, j] != board.win_rate[i, j]
                    else float(board.win_rate[i, j]),
                    "battles": int(board.battles[i, j]),
                    "predicted": float(board.predicted[i, j]),
                    "colour": charts.heat_colour(
                        None
                        if board.win_rate[i, j] != board.win_rate[i, j]
                        else float(board.win_rate[i, j])
                    ),
                }
                for j in order
            ],
        }
        for i in order
    ]
    context = {
        "board": board,
        "table_rows": [(row, None) for row in board.rows],
        "with_elo": False,
        "query": _query(board.filter),
        "interval_svg": charts.interval_plot(
            [(row.contestant.label, row.rating, row.lower, row.upper) for row in board.rows]
        ),
        "heatmap": heatmap,
        "heatmap_names": [names[i] for i in order],
    }
    if board.position_bias is not None:
        estimate, lower, upper = board.position_bias
        context["bias_svg"] = charts.interval_plot(
            [("left-side advantage", estimate, lower, upper)], width=560
        )
    if with_timeline and board.rows:
        timeline = leaderboard_timeline(board.filter)
        labels = [c.label for c in timeline.contestants]
        context["timeline_svg"] = charts.line_plot(
            [float(n) for n in timeline.vote_counts],
            [(labels[i], list(timeline.ratings[:, i])) for i in range(len(labels))],
        )
        elo = dict(zip((c.pk for c in timeline.contestants), timeline.online_elo, strict=True))
        context["table_rows"] = [(row, elo.get(row.contestant.pk)) for row in board.rows]
        context["with_elo"] = True
    return context


@require_safe
def leaderboard_page(request):
    board_filter = board_filter_from(request)
    board = leaderboard_compute(board_filter=board_filter)
    return render(
        request,
        "leaderboard/page.html",
        {
            **board_context(board),
            "categories": board_categories(),
            "languages": board_languages(),
            "filter": board_filter,
        },
    )


@require_safe
def leaderboard_fragment(request):
    """The board alone, for the page's live refresh."""
    board = leaderboard_compute(board_filter=board_filter_from(request))
    return render(request, "leaderboard/_board.html", board_context(board))


@require_safe
def leaderboard_json(request):
    board = leaderboard_compute(board_filter=board_filter_from(request))
    return JsonResponse(board.as_json())


def _csv_response(board: Board, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    columns = [
        "rank",
        "contestant",
        "display_name",
        "rating",
        "lower",
        "upper",
        "votes",
        "win_rate",
    ]
    writer.writerow(columns)
    for row in board.rows:
        values = row_json(row)
        writer.writerow([values[c] for c in columns])
    return response


@require_safe
def leaderboard_csv(request):
    board = leaderboard_compute(board_filter=board_filter_from(request))
    return _csv_response(board, "leaderboard.csv")


@require_safe
def personal_page(request):
    rater = session_rater(request, create=False)
    board = personal_leaderboard(rater=rater) if rater is not None else None
    context = board_context(board, with_timeline=False) if board is not None else {}
    return render(request, "leaderboard/personal.html", {**context, "board": board})


@require_safe
def snapshot_list(request):
    snapshots = LeaderboardSnapshot.objects.all()[:200]
    return render(request, "leaderboard/snapshots.html", {"snapshots": snapshots})


@require_safe
def snapshot_json(request, snapshot_id: int):
    snapshot = get_object_or_404(LeaderboardSnapshot, pk=snapshot_id)
    return JsonResponse(
        {
            "id": snapshot.pk,
            "created_at": snapshot.created_at.isoformat(),
            "votes_until": snapshot.votes_until.isoformat(),
            "vote_count": snapshot.vote_count,
            "note": snapshot.note,
            **snapshot.results,
        }
    )


@staff_member_required
@require_POST
def snapshot_take(request):
    board_filter = board_filter_from(request)
    snapshot_create(board_filter=board_filter, note=request.POST.get("note", "")[:200])
    return redirect("leaderboard:snapshots")


@staff_member_required
@require_safe
def snapshot_check(request, snapshot_id: int):
    """Recompute a snapshot from its votes and say whether it matches."""
    snapshot = get_object_or_404(LeaderboardSnapshot, pk=snapshot_id)
    again = snapshot_reproduce(snapshot).as_json()
    return JsonResponse(
        {"id": snapshot.pk, "reproduced": again["rows"] == snapshot.results["rows"], **again}
    )
