"""`make bench-scale` prints the machine's pace beside its figures (the figures themselves are a benchmark)."""

from finsam.plan.management.commands.bench_scale import machine_pace_ms


def test_the_pace_is_the_fastest_and_the_median_of_the_rounds_in_milliseconds(monkeypatch):
    ticks = iter([0.0, 0.004, 1.0, 1.002, 2.0, 2.009])  # rounds of 4, 2 and 9 ms
    monkeypatch.setattr("finsam.plan.management.commands.bench_scale.time.perf_counter", lambda: next(ticks))
    fastest, median = machine_pace_ms(steps=10, rounds=3)
    assert round(fastest, 6) == 2.0
    assert round(median, 6) == 4.0
