#!/usr/bin/env python3
"""Generate the labelled plausibility fixture set (fixtures.csv).

Each row is one carbon-account record. Rows of one person are evaluated in
`seq` order and a record's context is that person's earlier rows.

Labels are what a careful human reviewer would conclude:
  PLAUSIBLE   - ordinary or unusual-but-possible records, including "hard
                negatives" that sit close to (but inside) real-world limits.
  IMPLAUSIBLE - one reason each: SPEED, DURATION, DAILY_CAP, DUPLICATE,
                OVERLAP or BURST.

Conventions used by the scenarios:
  * A transport trip with a duration runs over [occurred_at,
    occurred_at + duration). Trips that only touch end-to-start do not overlap.
  * A trip without a duration has no known window, so it never overlaps.
  * Daily totals are per person, per behaviour, per local (+08:00) calendar day.
    DAILY_CAP rows are built so the day is over the absurd level whether or
    not the earlier rejected rows of that day are counted.
  * DUPLICATE / OVERLAP rows always conflict with an earlier PLAUSIBLE row.
  * BURST: the 21st and later rows inside a 10-minute span.

Standard library only, fixed seed, so re-running gives a byte-identical file.
The script checks its own labels (validate()) before writing.
Run:  python3 generate_fixtures.py
"""

import csv
import os
import random
from collections import Counter
from datetime import datetime, timedelta, timezone

SEED = 20261128
RNG = random.Random(SEED)
TZ = timezone(timedelta(hours=8))
FIRST_DAY = datetime(2026, 11, 1, tzinfo=TZ)
NOW = datetime(2026, 11, 28, tzinfo=TZ)  # nothing may end after this
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.csv")
HEADER = ["person", "seq", "behaviour", "quantity", "unit", "occurred_at",
          "duration_minutes", "label", "reason", "note"]

PLAUSIBLE, IMPLAUSIBLE = "PLAUSIBLE", "IMPLAUSIBLE"
REASONS = ["SPEED", "DURATION", "DAILY_CAP", "DUPLICATE", "OVERLAP", "BURST"]

WALK = "WALK_INSTEAD_OF_CAR"
CYCLE = "CYCLE_INSTEAD_OF_CAR"
BIKE = "BIKE_SHARE_INSTEAD_OF_CAR"
BUS = "BUS_INSTEAD_OF_CAR"
METRO = "METRO_INSTEAD_OF_CAR"
RAIL = "RAIL_INSTEAD_OF_CAR"
ELEC = "ELECTRICITY_SAVED"
WATER = "WATER_SAVED"
CUTLERY = "NO_DISPOSABLE_CUTLERY"
PLATE = "CLEAN_PLATE"
RECEIPT = "E_RECEIPT"
PLASTICS = "RECYCLE_PLASTICS"
CLOTHES = "DONATE_CLOTHES"
TRANSPORT = {WALK, CYCLE, BIKE, BUS, METRO, RAIL}

DEFAULT_UNIT = {WALK: "km", CYCLE: "km", BIKE: "km", BUS: "km", METRO: "km",
                RAIL: "km", ELEC: "kWh", WATER: "m3", CUTLERY: "order",
                PLATE: "kg", RECEIPT: "sheet", PLASTICS: "kg", CLOTHES: "kg"}

# Per-record input maximums (canonical units; water in m3). Out of scope above.
PER_RECORD_MAX = {WALK: 60, CYCLE: 200, BIKE: 200, BUS: 300, METRO: 150,
                  RAIL: 1500, ELEC: 50, WATER: 2, CUTLERY: 10, PLATE: 3,
                  RECEIPT: 200, PLASTICS: 50, CLOTHES: 30}

# Day totals that are far beyond a human day (from the brief). Bus and bike
# share have no stated level; generous values are used only for self-checks.
DAY_ABSURD = {WALK: 200, CYCLE: 600, BIKE: 600, BUS: 1500, METRO: 400,
              RAIL: 3000, ELEC: 100, WATER: 5, CUTLERY: 30, PLATE: 10,
              RECEIPT: 500, PLASTICS: 30, CLOTHES: 50}

# Self-check bands (km/h). SPEED rows must be at or above the first value;
# every other transport row must be at or below the second. Nothing in between.
SPEED_CLEARLY_IMPOSSIBLE = {WALK: 20, CYCLE: 60, BIKE: 45, BUS: 130,
                            METRO: 180, RAIL: 400}
SPEED_PLAUSIBLE_CEILING = {WALK: 7, CYCLE: 32, BIKE: 25, BUS: 90,
                           METRO: 80, RAIL: 320}
MAX_TRIP_MINUTES = 24 * 60          # longer -> DURATION
MAX_WALK_MINUTES = 10 * 60          # longer -> DURATION
PLAUSIBLE_TRIP_CEILING = 16 * 60    # plausible rows stay at or below
PLAUSIBLE_WALK_CEILING = 8 * 60
BURST_WINDOW = timedelta(minutes=10)
BURST_LIMIT = 20


def at(day, hour, minute, second=0):
    """Local (+08:00) timestamp in November 2026."""
    return datetime(2026, 11, day, hour, minute, second, tzinfo=TZ)


class Row:
    def __init__(self, behaviour, quantity, when, minutes, unit, label,
                 reason, note):
        self.behaviour = behaviour
        self.quantity = quantity
        self.when = when
        self.minutes = minutes
        self.unit = unit or DEFAULT_UNIT[behaviour]
        self.label = label
        self.reason = reason
        self.note = note
        self.seq = None

    @property
    def canonical(self):
        """Quantity in the canonical unit (water in m3)."""
        q = self.quantity / 1000 if self.unit == "L" else self.quantity
        return round(q, 6)

    @property
    def end(self):
        return self.when + timedelta(minutes=self.minutes or 0)

    @property
    def has_window(self):
        return self.behaviour in TRANSPORT and self.minutes is not None

    @property
    def speed(self):
        return self.quantity / (self.minutes / 60)


class Person:
    def __init__(self, pid):
        self.pid = pid
        self.rows = []

    def add(self, behaviour, quantity, when, minutes=None, unit=None,
            label=PLAUSIBLE, reason="", note=""):
        self.rows.append(Row(behaviour, quantity, when, minutes, unit,
                             label, reason, note))
        return self

    def ok(self, behaviour, quantity, when, minutes=None, note="", unit=None):
        return self.add(behaviour, quantity, when, minutes, unit,
                        PLAUSIBLE, "", note)

    def bad(self, reason, behaviour, quantity, when, minutes=None, note="",
            unit=None):
        return self.add(behaviour, quantity, when, minutes, unit,
                        IMPLAUSIBLE, reason, note)


class Fixture:
    def __init__(self):
        self.persons = []

    def person(self):
        p = Person("p%02d" % (len(self.persons) + 1))
        self.persons.append(p)
        return p

    def rows(self):
        for p in self.persons:
            for i, r in enumerate(p.rows, start=1):
                r.seq = i
                yield p, r


# --------------------------------------------------------------------------
# IMPLAUSIBLE scenario kinds
# --------------------------------------------------------------------------

# (behaviour, km, minutes, note) - each far above what the mode can do.
SPEED_CASES = [
    (WALK, 15, 30, "15 km walk logged as 30 min (30 km/h), faster than a runner"),
    (WALK, 12, 25, "12 km walk in 25 min (~29 km/h), probably a car trip"),
    (WALK, 9, 20, "9 km walk in 20 min (27 km/h)"),
    (WALK, 20, 40, "20 km 'walk' in 40 min (30 km/h)"),
    (WALK, 10, 18, "10 km walk in 18 min (~33 km/h)"),
    (CYCLE, 70, 60, "70 km on a commuter bike in one hour (70 km/h)"),
    (CYCLE, 40, 30, "Bicycle 40 km in 30 min (80 km/h)"),
    (CYCLE, 55, 45, "Bicycle 55 km in 45 min (~73 km/h)"),
    (CYCLE, 90, 60, "Bicycle 90 km in one hour (90 km/h)"),
    (BIKE, 25, 20, "Shared bike averaging 75 km/h"),
    (BIKE, 16, 12, "Shared bike 16 km in 12 min (80 km/h)"),
    (BUS, 150, 60, "City bus averaging 150 km/h"),
    (BUS, 90, 30, "Bus 90 km in 30 min (180 km/h)"),
    (BUS, 120, 40, "Bus 120 km in 40 min (180 km/h)"),
    (METRO, 100, 30, "Metro 100 km in 30 min (200 km/h)"),
    (METRO, 60, 15, "Metro 60 km in 15 min (240 km/h)"),
    (METRO, 25, 2, "Typo: 25 km metro ride entered as 2 minutes"),
    (RAIL, 1350, 180, "Rail 1350 km in 3 h (450 km/h), faster than any train"),
    (RAIL, 900, 90, "Rail 900 km in 90 min (600 km/h)"),
    (RAIL, 1200, 150, "Rail 1200 km in 2.5 h (480 km/h)"),
]

# Ordinary trip of the same mode, used as context (km, minutes, note).
ORDINARY_TRIP = {
    WALK: (2.1, 25, "Walk to the market"),
    CYCLE: (8.5, 32, "Cycle commute"),
    BIKE: (2.8, 14, "Shared bike to the metro station"),
    BUS: (9, 35, "Bus to work"),
    METRO: (16, 38, "Metro commute"),
    RAIL: (180, 55, "Intercity high-speed train"),
}


def scenario_speed(fx):
    """Two impossible-speed trips per person, on different days; the first
    one follows an ordinary trip of the same mode that morning."""
    for i in range(0, len(SPEED_CASES), 2):
        p = fx.person()
        day = 2 + i
        for j, (mode, km, minutes, note) in enumerate(SPEED_CASES[i:i + 2]):
            d = day + 2 * j
            if j == 0:
                o_km, o_min, o_note = ORDINARY_TRIP[mode]
                p.ok(mode, o_km, at(d, 8, 0), o_min, o_note)
            p.bad("SPEED", mode, km, at(d, 18, 30), minutes, note)


# (behaviour, km, minutes, note) - a single activity lasting absurdly long.
DURATION_CASES = [
    (WALK, 24, 780, "13 h of non-stop walking for one car-replacement trip"),
    (WALK, 30, 960, "Walk lasting 16 h"),
    (WALK, 15, 720, "12 h to walk 15 km"),
    (WALK, 40, 1500, "Single walk lasting 25 h"),
    (WALK, 8, 1080, "18 h walk for 8 km - tracker left running"),
    (WALK, 6, 900, "15 h for a 6 km walk"),
    (WALK, 10, 840, "14 h walk"),
    (CYCLE, 40, 1600, "Bike trip lasting almost 27 h"),
    (CYCLE, 60, 2880, "Single bike trip of 48 h"),
    (CYCLE, 25, 1560, "Bike trip of 26 h for 25 km"),
    (BIKE, 8, 1500, "Shared-bike rental of 25 h counted as one trip"),
    (BIKE, 5, 4320, "Shared bike never locked: a 72 h 'trip'"),
    (BUS, 30, 1800, "30 h bus ride for 30 km"),
    (BUS, 12, 1520, "Bus trip lasting over 25 h"),
    (METRO, 20, 2000, "Metro ride of 33 h"),
    (METRO, 15, 1500, "Metro ride of 25 h"),
    (METRO, 30, 10080, "Metro ride lasting a whole week (minutes typo)"),
    (RAIL, 200, 1700, "200 km train trip lasting 28 h"),
]


def scenario_duration(fx):
    """One over-long activity per person; every third person also has an
    ordinary trip of the same mode the day before."""
    for i, (mode, km, minutes, note) in enumerate(DURATION_CASES):
        p = fx.person()
        day = 2 + i  # latest start day 19; the week-long ride ends on day 24
        if i % 3 == 0:
            o_km, o_min, o_note = ORDINARY_TRIP[mode]
            p.ok(mode, o_km, at(day - 1, 18, 0), o_min, o_note)
        p.bad("DURATION", mode, km, at(day, 7, 0), minutes, note)


# (behaviour, day, [(hour, minute, quantity, unit or None), ...], story)
DAILY_CAP_CASES = [
    (RAIL, 5, [(6, 30, 1318, None), (12, 40, 1318, None), (17, 50, 1100, None),
               (20, 0, 1250, None), (21, 30, 980, None),
               (23, 0, 1050, None)],
     "km by rail"),
    (ELEC, 7, [(8, 0, 14, None), (13, 0, 46, None), (18, 0, 47, None),
               (20, 30, 45, None), (22, 0, 42, None),
               (23, 15, 44, None)],
     "kWh of electricity saved"),
    (WATER, 9, [(7, 10, 0.8, "m3"), (11, 0, 1500, "L"), (15, 20, 1.9, "m3"),
                (19, 0, 1.8, "m3"), (21, 40, 1200, "L"), (22, 50, 1.5, "m3")],
     "m3 of water saved"),
    (CUTLERY, 12, [(11, 30, 7, None), (12, 10, 9, None), (17, 50, 9, None),
                   (18, 30, 9, None), (20, 0, 8, None), (21, 15, 7, None)],
     "no-cutlery orders"),
    (PLATE, 15, [(8, 0, 2.5, None), (12, 30, 2.8, None), (18, 30, 2.9, None),
                 (20, 0, 2.7, None), (21, 30, 2.6, None), (22, 45, 2.4, None)],
     "kg of clean-plate food"),
    (RECEIPT, 18, [(10, 0, 150, None), (14, 0, 180, None), (17, 0, 190, None),
                   (20, 30, 185, None), (22, 0, 175, None),
                   (23, 20, 178, None)],
     "e-receipt sheets"),
    (PLASTICS, 20, [(9, 0, 6, None), (11, 30, 9, None), (14, 0, 12, None),
                    (16, 30, 14, None), (19, 0, 11, None), (21, 0, 8, None)],
     "kg of plastics recycled"),
    (CLOTHES, 23, [(10, 0, 12, None), (13, 0, 25, None), (16, 0, 28, None),
                   (18, 30, 20, None), (20, 45, 16, None),
                   (22, 0, 18, None)],
     "kg of clothes donated"),
]


def scenario_daily_cap(fx):
    """Same-day rows that are individually ordinary-sized; the rows that push
    the day's total past the absurd level are IMPLAUSIBLE, earlier ones not."""
    for behaviour, day, parts, story in DAILY_CAP_CASES:
        p = fx.person()
        limit = DAY_ABSURD[behaviour]
        total = 0.0
        for hour, minute, qty, unit in parts:
            total += qty / 1000 if unit == "L" else qty
            total = round(total, 6)
            text = "Day total %g %s" % (total, story)
            if total > limit:
                p.bad("DAILY_CAP", behaviour, qty, at(day, hour, minute),
                      note=text + " - beyond any human day",
                      unit=unit)
            else:
                p.ok(behaviour, qty, at(day, hour, minute),
                     note=text + " - still humanly possible", unit=unit)


# (behaviour, quantity, unit, first timestamp, [duplicate timestamps], note,
#  optional extra plausible rows inserted between first and duplicates)
DUPLICATE_CASES = [
    (RECEIPT, 2, None, at(4, 12, 30, 5), [at(4, 12, 30, 41)],
     "Double tap on submit", [(CUTLERY, 1, None, at(4, 12, 30, 20),
                               "Same minute, different behaviour")]),
    (CUTLERY, 1, None, at(5, 19, 12), [at(5, 19, 12)],
     "Exact same record sent twice", []),
    (PLATE, 0.35, None, at(6, 12, 45, 10), [at(6, 12, 45, 10), at(6, 12, 45, 30)],
     "Lunch clean plate submitted three times", []),
    (ELEC, 3.2, None, at(7, 21, 0), [at(7, 21, 0)],
     "Re-submitted after the app crashed",
     [(WATER, 80, "L", at(7, 21, 5), "Shorter shower")]),
    (WATER, 120, "L", at(8, 7, 40), [at(8, 7, 40, 20), at(8, 7, 40, 50)],
     "Same water saving sent three times within the minute", []),
    (PLASTICS, 1.5, None, at(9, 10, 15), [at(9, 10, 15), at(9, 10, 15, 20)],
     "Recycling kiosk drop-off recorded twice", []),
    (CLOTHES, 4, None, at(10, 15, 20), [at(10, 15, 20, 45), at(10, 15, 20, 50)],
     "Clothes donation entered twice", []),
    (METRO, 18, None, at(11, 8, 5), [at(11, 8, 5), at(11, 8, 5, 30)],
     "Same commute submitted three times", []),
    (BUS, 7.5, None, at(12, 17, 42), [at(12, 17, 42, 30), at(12, 17, 42, 31)],
     "Bus trip sent twice", []),
    (WALK, 2.4, None, at(13, 12, 0), [at(13, 12, 0), at(13, 12, 0, 9)],
     "Lunch walk duplicated", []),
    (CYCLE, 9, None, at(14, 8, 20), [at(14, 8, 20, 15)],
     "Bike commute duplicated", []),
    (RECEIPT, 1, None, at(15, 19, 30, 12), [at(15, 19, 30, 13), at(15, 19, 30, 14)],
     "One receipt submitted three times in three seconds", []),
    (WATER, 0.15, "m3", at(16, 20, 10), [at(16, 20, 10)],
     "Water saving duplicated", []),
    (ELEC, 1.8, None, at(17, 22, 15), [at(17, 22, 15)],
     "Backfilled two days later with the same time and amount",
     [(WATER, 50, "L", at(19, 7, 30), "Ordinary water saving two days later")]),
    (CUTLERY, 2, None, at(18, 12, 20), [at(18, 12, 20, 30)],
     "Team lunch order entered twice", []),
    (BIKE, 3.1, None, at(19, 9, 0), [at(19, 9, 0)],
     "Shared-bike trip duplicated", []),
    (PLATE, 0.2, None, at(20, 19, 0), [at(20, 19, 0, 40)],
     "Dinner clean plate duplicated",
     [(PLATE, 0.3, None, at(20, 12, 10), "Lunch clean plate, same day")]),
    (RAIL, 430, None, at(21, 9, 15), [at(21, 9, 15)],
     "Train trip submitted twice", []),
]


def scenario_duplicate(fx):
    """First record PLAUSIBLE; identical behaviour+quantity in the same
    minute afterwards is DUPLICATE (even with different seconds)."""
    for behaviour, qty, unit, first, dups, note, extras in DUPLICATE_CASES:
        p = fx.person()
        p.ok(behaviour, qty, first, note="Original record", unit=unit)
        for e_beh, e_qty, e_unit, e_when, e_note in extras:
            p.ok(e_beh, e_qty, e_when, note=e_note, unit=e_unit)
        for when in dups:
            p.bad("DUPLICATE", behaviour, qty, when, note=note, unit=unit)


# Each case is a list of (label, behaviour, km, start, minutes, note); a
# label of OVERLAP marks the IMPLAUSIBLE rows.
OVERLAP_CASES = [
    [("ok", METRO, 20, at(2, 7, 50), 45, "Metro commute 07:50-08:35"),
     ("OVERLAP", BUS, 8, at(2, 8, 10), 30, "Bus 08:10-08:40 while still on the metro"),
     ("ok", METRO, 20, at(2, 18, 0), 45, "Metro home, no overlap")],
    [("ok", CYCLE, 12, at(3, 18, 0), 45, "Cycle home 18:00-18:45"),
     ("OVERLAP", WALK, 3, at(3, 18, 20), 40, "Walk claimed during the bike ride")],
    [("ok", RAIL, 600, at(4, 9, 0), 150, "High-speed train 09:00-11:30"),
     ("OVERLAP", METRO, 15, at(4, 10, 0), 30, "Metro ride while on the train")],
    [("ok", BIKE, 5, at(5, 12, 0), 20, "Shared bike 12:00-12:20"),
     ("OVERLAP", BIKE, 4, at(5, 12, 10), 15, "Second shared bike at the same time")],
    [("ok", METRO, 18, at(6, 8, 5), 40, "Metro commute"),
     ("OVERLAP", WALK, 2.5, at(6, 8, 15), 30, "Same commute also claimed as a walk"),
     ("ok", METRO, 18, at(6, 18, 10), 42, "Evening metro home")],
    [("ok", BUS, 10, at(7, 17, 30), 40, "Bus 17:30-18:10"),
     ("OVERLAP", METRO, 14, at(7, 17, 0), 45, "Backfilled metro 17:00-17:45 overlapping the bus")],
    [("ok", RAIL, 300, at(8, 14, 0), 90, "Train 14:00-15:30"),
     ("OVERLAP", BUS, 20, at(8, 14, 30), 40, "Bus ride in the middle of the train trip")],
    [("ok", METRO, 16, at(9, 8, 0), 40, "Metro 08:00-08:40"),
     ("ok", BUS, 5, at(9, 8, 45), 15, "Bus 08:45-09:00 after a 5 min transfer"),
     ("OVERLAP", CYCLE, 6, at(9, 8, 30), 20, "Bike 08:30-08:50 overlapping both trips")],
    [("ok", WALK, 7, at(10, 10, 0), 90, "Long walk 10:00-11:30"),
     ("OVERLAP", BIKE, 3, at(10, 10, 30), 15, "Shared bike during the walk"),
     ("OVERLAP", CYCLE, 4, at(10, 11, 0), 15, "Own bike, also during the walk")],
    [("ok", BUS, 25, at(11, 7, 0), 60, "Bus 07:00-08:00"),
     ("OVERLAP", BUS, 25, at(11, 7, 20), 60, "Same bus trip again, shifted 20 min")],
    [("ok", CYCLE, 20, at(12, 6, 30), 70, "Cycle 06:30-07:40"),
     ("OVERLAP", METRO, 22, at(12, 7, 0), 35, "Metro 07:00-07:35 while cycling")],
    [("ok", METRO, 12, at(13, 20, 0), 30, "Metro 20:00-20:30"),
     ("OVERLAP", METRO, 9, at(13, 20, 10), 25, "Second metro ride at the same time")],
    [("ok", WALK, 4, at(14, 13, 0), 50, "Walk 13:00-13:50"),
     ("OVERLAP", BUS, 6, at(14, 13, 20), 20, "Bus ride in the middle of the walk")],
    [("ok", BUS, 5, at(15, 9, 10), 15, "Bus 09:10-09:25"),
     ("OVERLAP", METRO, 30, at(15, 8, 50), 50, "Metro 08:50-09:40 containing the bus trip")],
    [("ok", METRO, 10, at(16, 23, 30), 40, "Late metro 23:30-00:10"),
     ("OVERLAP", BUS, 5, at(17, 0, 0), 20, "Bus at 00:00, before the metro ride ended")],
    [("ok", BIKE, 6, at(18, 19, 0), 30, "Shared bike 19:00-19:30"),
     ("OVERLAP", WALK, 2, at(18, 19, 10), 25, "Walk during the bike ride")],
    [("ok", METRO, 8, at(19, 7, 30), 25, "Metro 07:30-07:55"),
     ("OVERLAP", BIKE, 2, at(19, 7, 40), 10, "Shared bike during the metro ride"),
     ("OVERLAP", WALK, 1, at(19, 7, 45), 15, "Walk during the metro ride")],
    [("ok", CYCLE, 10, at(20, 17, 0), 40, "Cycle 17:00-17:40"),
     ("OVERLAP", BUS, 7, at(20, 17, 15), 25, "Bus during the bike ride")],
]


def scenario_overlap(fx):
    """A later trip whose window overlaps an earlier PLAUSIBLE trip."""
    for case in OVERLAP_CASES:
        p = fx.person()
        for tag, mode, km, start, minutes, note in case:
            if tag == "ok":
                p.ok(mode, km, start, minutes, note)
            else:
                p.bad(tag, mode, km, start, minutes, note)


# Quantities per behaviour for burst rows; distinct inside one burst.
BURST_MENU = [
    (RECEIPT, "sheet", [1, 2, 3, 4, 5]),
    (PLATE, "kg", [0.15, 0.2, 0.25, 0.3, 0.35]),
    (WATER, "L", [15, 20, 25, 30, 35]),
    (ELEC, "kWh", [0.4, 0.6, 0.8, 1.1, 1.4]),
    (PLASTICS, "kg", [0.45, 0.55, 0.65, 0.75, 0.85]),
    (WALK, "km", [1.3, 1.5, 1.7, 1.9, 2.1]),
]


def burst_person(fx, start, count, step_seconds, offset):
    p = fx.person()
    # an ordinary record well before the burst
    p.ok(RECEIPT, 2, start - timedelta(days=2), note="Ordinary e-receipt")
    for i in range(count):
        behaviour, unit, values = BURST_MENU[(i + offset) % len(BURST_MENU)]
        qty = values[i // len(BURST_MENU)]
        if unit == "sheet":
            qty += offset
        when = start + timedelta(seconds=i * step_seconds)
        if i < BURST_LIMIT:
            p.ok(behaviour, qty, when, unit=unit,
                 note="Burst row %d of %d; ordinary on its own" % (i + 1, count))
        else:
            p.bad("BURST", behaviour, qty, when, unit=unit,
                  note="Burst row %d of %d within %d min - record farming"
                  % (i + 1, count, (count - 1) * step_seconds // 60 + 1))


def scenario_burst(fx):
    """More than 20 records inside 10 minutes: rows 21+ are BURST."""
    burst_person(fx, at(14, 21, 0, 0), 28, 19, 0)   # spans 8 min 33 s
    burst_person(fx, at(21, 13, 30, 5), 30, 17, 2)  # spans 8 min 13 s


# --------------------------------------------------------------------------
# PLAUSIBLE hard negatives (near, but inside, real-world limits)
# --------------------------------------------------------------------------

def hard_negative_speed(fx):
    p = fx.person()
    p.ok(WALK, 6, at(3, 7, 0), 60, "Brisk 6 km walk in 60 min (6 km/h)")
    p.ok(WALK, 3.2, at(3, 19, 0), 40, "Evening walk, 4.8 km/h")
    p.ok(WALK, 5, at(6, 7, 10), 50, "Fast walker: 5 km in 50 min (6 km/h)")
    p = fx.person()
    p.ok(CYCLE, 15, at(4, 7, 30), 30, "Fast commuter cyclist: 15 km in 30 min (30 km/h)")
    p.ok(CYCLE, 15, at(4, 18, 10), 36, "Same route home, same distance, 25 km/h")
    p.ok(CYCLE, 35, at(8, 9, 0), 120, "Long but plausible 35 km ride in 2 h")
    p = fx.person()
    p.ok(RAIL, 1200, at(10, 8, 0), 270, "High-speed rail 1200 km in 4.5 h (~267 km/h)")
    p.ok(METRO, 22, at(10, 13, 0), 45, "Metro from the station after arrival")
    p.ok(RAIL, 1200, at(12, 15, 0), 275, "Return train two days later")
    p = fx.person()
    p.ok(BUS, 120, at(16, 8, 0), 100, "Expressway coach 120 km in 100 min (72 km/h)")
    p.ok(METRO, 30, at(16, 11, 0), 35, "Express metro line, 30 km in 35 min (~51 km/h)")
    p.ok(RAIL, 300, at(17, 9, 0), 75, "High-speed train 300 km in 75 min (240 km/h)")
    p.ok(BIKE, 6, at(17, 12, 30), 20, "Shared bike 6 km in 20 min (18 km/h)")


def hard_negative_duration(fx):
    p = fx.person()
    p.ok(RAIL, 1450, at(13, 20, 0), 900, "Overnight sleeper train, 15 h (~97 km/h)")
    p.ok(BUS, 280, at(16, 7, 30), 300, "Intercity coach 280 km in 5 h")
    p.ok(WALK, 25, at(20, 8, 0), 420, "7 h weekend hike with breaks (3.6 km/h)")
    p.ok(WALK, 14, at(22, 9, 0), 240, "4 h walk along the river")
    p = fx.person()
    p.ok(CYCLE, 80, at(7, 8, 0), 300, "Bike trip to the next town: 80 km in 5 h")
    p.ok(CYCLE, 78, at(8, 9, 0), 310, "Ride back the next day")


def hard_negative_daily_totals(fx):
    p = fx.person()
    p.ok(ELEC, 8, at(14, 21, 0), note="Skipped electric heating for the evening: 8 kWh")
    p.ok(ELEC, 2.5, at(15, 9, 0), note="Morning: appliances off standby")
    p.ok(ELEC, 3.1, at(15, 21, 30), note="Evening saving, same day, different amount")
    p.ok(WATER, 60, at(15, 7, 30), note="Shorter shower", unit="L")
    p.ok(WATER, 0.08, at(15, 20, 0), note="Reused rinse water (same day, in m3)", unit="m3")
    p = fx.person()
    p.ok(CUTLERY, 1, at(15, 8, 10), note="Breakfast delivery without cutlery")
    p.ok(CUTLERY, 1, at(15, 12, 5), note="Lunch delivery, same quantity, different time")
    p.ok(CUTLERY, 1, at(15, 18, 40), note="Dinner delivery: 3 no-cutlery orders today")
    p = fx.person()
    p.ok(CLOTHES, 25, at(6, 10, 0), note="Wardrobe clear-out before moving house")
    p.ok(PLASTICS, 8, at(6, 15, 0), note="A month of saved-up bottles")
    p.ok(WATER, 0.4, at(7, 18, 0), note="Garden watered from a rain barrel", unit="m3")
    p.ok(CUTLERY, 8, at(9, 11, 40), note="Office admin ordered team lunch without cutlery")
    p = fx.person()  # local days vs UTC days
    p.ok(RAIL, 1318, at(11, 8, 0), 280, "Beijing-Shanghai morning train")
    p.ok(RAIL, 1318, at(11, 14, 0), 280, "Back to Beijing the same afternoon (2636 km today)")
    p.ok(RAIL, 1229, at(12, 6, 30), 270,
         "Next local day, Beijing-Wuhan; same UTC day as the two trips before")


def hard_negative_duplicate_like(fx):
    p = fx.person()
    p.ok(RECEIPT, 1, at(10, 12, 40), note="E-receipt for a delivery order")
    p.ok(CUTLERY, 1, at(10, 12, 40), note="Same minute, different behaviour")
    p.ok(PLASTICS, 0.8, at(11, 10, 5), note="Recycling kiosk: first bag")
    p.ok(PLASTICS, 1.2, at(11, 10, 5, 40), note="Second bag weighed in the same minute, different weight")
    p.ok(RECEIPT, 1, at(11, 12, 31), note="Food-court stall")
    p.ok(RECEIPT, 1, at(11, 12, 36), note="Another stall 5 minutes later")
    p = fx.person()  # identical daily commute
    for day in (2, 3, 4):
        p.ok(METRO, 18.4, at(day, 8, 5), 40, "Same commute, same time, every weekday")
        p.ok(METRO, 18.4, at(day, 18, 10), 42, "Second metro trip of the day, no overlap")


def hard_negative_overlap_like(fx):
    p = fx.person()
    p.ok(METRO, 12, at(5, 8, 0), 30, "Metro 08:00-08:30")
    p.ok(BUS, 3, at(5, 8, 30), 15, "Bus starting exactly when the metro trip ended")
    p.ok(BUS, 6, at(5, 18, 0), 20, "Bus 18:00-18:20")
    p.ok(METRO, 12, at(5, 18, 22), 28, "Metro after a 2 min transfer")
    p = fx.person()
    p.ok(METRO, 10, at(8, 8, 0), note="Metro without duration")
    p.ok(BUS, 4, at(8, 8, 10), note="Bus 10 min later, no duration given")
    p.ok(WALK, 0.8, at(8, 8, 25), note="Last-mile walk, no duration")
    p.ok(BUS, 9, at(8, 12, 0), 35, "Bus 12:00-12:35")
    p.ok(RECEIPT, 1, at(8, 12, 10), note="Online purchase made on the bus (not a trip)")
    a, b = fx.person(), fx.person()
    for p, other in ((a, b), (b, a)):
        p.ok(METRO, 15.2, at(9, 8, 0), 35,
             "Commutes with %s: identical trip by another person" % other.pid)
    p = fx.person()
    p.ok(METRO, 14, at(21, 23, 40), 35, "Late metro crossing midnight (until 00:15)")
    p.ok(WALK, 1.2, at(22, 0, 20), 15, "Walk home after the metro ended")
    p.ok(ELEC, 5, at(21, 23, 55), note="Saving logged just before midnight")
    p.ok(ELEC, 6, at(22, 0, 5), note="Next calendar day")
    p = fx.person()  # backfilling last week's trips
    p.ok(METRO, 16, at(20, 8, 0), 38, "Today's commute")
    p.ok(METRO, 16, at(13, 8, 0), 37, "Backfilled trip from a week ago")
    p.ok(BUS, 8, at(14, 17, 30), 30, "Backfilled bus trip")


def hard_negative_spread_day(fx):
    """20 records spread across one day - busy, but not a burst."""
    p = fx.person()
    d = 24
    p.ok(WALK, 1.2, at(d, 7, 5), 15, "Walk to the metro")
    p.ok(METRO, 14, at(d, 7, 25), 30, "Metro to work")
    p.ok(WALK, 0.8, at(d, 8, 0), 10, "Walk to the office")
    p.ok(RECEIPT, 1, at(d, 8, 15), note="Coffee e-receipt")
    p.ok(CUTLERY, 1, at(d, 12, 10), note="Lunch delivery without cutlery")
    p.ok(RECEIPT, 1, at(d, 12, 11), note="Lunch e-receipt")
    p.ok(PLATE, 0.3, at(d, 12, 40), note="Finished lunch")
    p.ok(BIKE, 2.5, at(d, 13, 5), 12, "Shared bike to a client")
    p.ok(BIKE, 2.3, at(d, 13, 30), 11, "Shared bike back")
    p.ok(RECEIPT, 2, at(d, 15, 0), note="Stationery purchase")
    p.ok(WALK, 0.9, at(d, 17, 45), 12, "Walk to the metro")
    p.ok(METRO, 14, at(d, 18, 0), 32, "Metro home")
    p.ok(WALK, 1.1, at(d, 18, 40), 14, "Walk home")
    p.ok(PLASTICS, 0.6, at(d, 19, 5), note="Sorted plastic packaging")
    p.ok(CUTLERY, 1, at(d, 19, 10), note="Dinner delivery without cutlery")
    p.ok(PLATE, 0.25, at(d, 19, 45), note="Finished dinner")
    p.ok(WATER, 40, at(d, 20, 30), note="Shorter shower", unit="L")
    p.ok(ELEC, 1.5, at(d, 21, 0), note="Air conditioner off early")
    p.ok(CLOTHES, 3, at(d, 21, 30), note="Bag of clothes to the donation bin")
    p.ok(RECEIPT, 3, at(d, 22, 0), note="Online shopping e-receipts")


def everyday_people(fx, count=4):
    """Ordinary users with a few realistic records on random days (seeded)."""
    templates = [
        (METRO, (8, 25), (25, 40)), (BUS, (3, 15), (15, 25)),
        (WALK, (1, 4), (4, 5.5)), (CYCLE, (3, 12), (12, 20)),
        (BIKE, (1, 5), (10, 15)), (ELEC, (0.5, 4), None),
        (PLATE, (0.15, 0.5), None), (PLASTICS, (0.3, 2), None),
    ]
    for _ in range(count):
        p = fx.person()
        days = sorted(RNG.sample(range(1, 28), 3))
        for day in days:
            behaviour, (lo, hi), speeds = RNG.choice(templates)
            qty = round(RNG.uniform(lo, hi), 1 if behaviour in TRANSPORT else 2)
            when = at(day, RNG.randint(7, 20), RNG.randint(0, 59))
            if speeds:
                minutes = max(5, round(qty / RNG.uniform(*speeds) * 60))
                p.ok(behaviour, qty, when, minutes, "Everyday trip")
            else:
                p.ok(behaviour, qty, when, note="Everyday saving")


# --------------------------------------------------------------------------
# Self-check, output, summary
# --------------------------------------------------------------------------

def reasons_for(row, context):
    """Reasons that apply to `row` given earlier rows `context`."""
    found = set()
    if row.has_window:
        if row.speed >= SPEED_CLEARLY_IMPOSSIBLE[row.behaviour]:
            found.add("SPEED")
        if row.minutes > MAX_TRIP_MINUTES or (
                row.behaviour == WALK and row.minutes > MAX_WALK_MINUTES):
            found.add("DURATION")
    day_total = row.canonical + sum(
        c.canonical for c in context
        if c.behaviour == row.behaviour and c.when.date() == row.when.date())
    if day_total > DAY_ABSURD[row.behaviour] + 1e-9:
        found.add("DAILY_CAP")
    minute = row.when.replace(second=0)
    if any(c.behaviour == row.behaviour and c.canonical == row.canonical
           and c.when.replace(second=0) == minute for c in context):
        found.add("DUPLICATE")
    if row.has_window and any(c.has_window and c.when < row.end
                              and row.when < c.end for c in context):
        found.add("OVERLAP")
    near = [c for c in context if abs(c.when - row.when) <= BURST_WINDOW]
    if len(near) >= BURST_LIMIT:
        found.add("BURST")
    return found


def validate(fx):
    for p in fx.persons:
        for i, row in enumerate(p.rows):
            where = "%s seq %d" % (p.pid, i + 1)
            assert FIRST_DAY <= row.when and row.end <= NOW, where
            assert 0 < row.canonical <= PER_RECORD_MAX[row.behaviour], where
            assert row.note, where
            earlier = p.rows[:i]
            earlier_ok = [c for c in earlier if c.label == PLAUSIBLE]
            got_all = reasons_for(row, earlier)
            got_ok = reasons_for(row, earlier_ok)
            if row.label == PLAUSIBLE:
                assert not got_all and row.reason == "", (where, got_all)
                if row.has_window:
                    assert row.speed <= SPEED_PLAUSIBLE_CEILING[row.behaviour], where
                    ceiling = (PLAUSIBLE_WALK_CEILING if row.behaviour == WALK
                               else PLAUSIBLE_TRIP_CEILING)
                    assert row.minutes <= ceiling, where
            else:
                # same single reason whether or not rejected rows count
                assert got_all == {row.reason} == got_ok, (where, got_all, got_ok)
            if row.has_window and row.reason != "SPEED":
                assert row.speed <= SPEED_PLAUSIBLE_CEILING[row.behaviour], where
    for p in fx.persons:  # burst rows: distinct quantities
        burst = [r for r in p.rows if r.note.startswith("Burst row")]
        assert len({r.quantity for r in burst}) == len(burst), p.pid

    rows = list(fx.rows())
    labels = Counter(r.label for _, r in rows)
    reasons = Counter(r.reason for _, r in rows if r.reason)
    assert len(rows) >= 240 and len(fx.persons) >= 30
    assert len(fx.persons) <= 99
    assert all(reasons[r] >= 12 for r in REASONS), reasons
    share = labels[IMPLAUSIBLE] / len(rows)
    assert 0.35 <= share <= 0.45, share


def fmt_quantity(q):
    return "%g" % q


def write_csv(fx):
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        for p, r in fx.rows():
            w.writerow([p.pid, r.seq, r.behaviour, fmt_quantity(r.quantity),
                        r.unit, r.when.isoformat(),
                        "" if r.minutes is None else r.minutes,
                        r.label, r.reason, r.note])


def summary(fx):
    rows = [r for _, r in fx.rows()]
    labels = Counter(r.label for r in rows)
    reasons = Counter(r.reason for r in rows if r.reason)
    lines = ["rows: %d" % len(rows), "persons: %d" % len(fx.persons)]
    for label in (PLAUSIBLE, IMPLAUSIBLE):
        lines.append("%s: %d (%.1f%%)" % (label, labels[label],
                                          100.0 * labels[label] / len(rows)))
    for reason in REASONS:
        lines.append("  %s: %d" % (reason, reasons[reason]))
    return "\n".join(lines)


def main():
    fx = Fixture()
    scenario_speed(fx)
    scenario_duration(fx)
    scenario_daily_cap(fx)
    scenario_duplicate(fx)
    scenario_overlap(fx)
    scenario_burst(fx)
    hard_negative_speed(fx)
    hard_negative_duration(fx)
    hard_negative_daily_totals(fx)
    hard_negative_duplicate_like(fx)
    hard_negative_overlap_like(fx)
    hard_negative_spread_day(fx)
    everyday_people(fx)
    validate(fx)
    write_csv(fx)
    print("wrote %s" % OUT)
    print(summary(fx))


if __name__ == "__main__":
    main()
