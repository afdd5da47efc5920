#!/usr/bin/env python3
"""Generates core/src/main/resources/io/github/caistatus/history/bundled-history.tsv.

Usage: python3 tools/history/generate_history.py /path/to/statuspage-archive-2023-2024 > \
         core/src/main/resources/io/github/caistatus/history/bundled-history.tsv

Not part of the build: the library reads only the generated resource. The article's table is transcribed by
hand below (classification and summaries are ours); the archive's incidents and daily downtime are read from
the ICPE 2025 artifact's raw CSV files. Update bodies of the archive are NOT copied: the standard Statuspage
phrases become an empty note (the stage says it all), the few specific ones are paraphrased here.
"""
import csv
import glob
import json
import os
import re
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

PACIFIC = ZoneInfo("America/Los_Angeles")
LABEL_OFFSET = {"PST": timedelta(hours=-8), "PDT": timedelta(hours=-7)}

# ---- the 2023 article: date, health, cause, incident id ('-' for none), our summary --------------------------
REPORTS = [
    ("2023-03-15", "OPERATIONAL", "NONE", "-", "No widespread trouble reported that day."),
    ("2023-04-07", "OPERATIONAL", "NONE", "-", "Running normally again, with no fresh complaints."),
    ("2023-04-14", "PARTIAL_OUTAGE", "OTHER", "article-2023-04-14", "Users hit problems; service came back the same day."),
    ("2023-04-17", "MAJOR_OUTAGE", "OVERLOADED", "article-2023-04-17", "Another outage: messages would not send and users were parked in a waiting room."),
    ("2023-04-18", "OPERATIONAL", "NONE", "-", "Servers working normally."),
    ("2023-04-24", "MAJOR_OUTAGE", "MAINTENANCE", "article-2023-04-24", "Down for a few hours."),
    ("2023-04-25", "OPERATIONAL", "NONE", "article-2023-04-24", "The maintenance-related trouble of the day before is fixed."),
    ("2023-04-27", "PARTIAL_OUTAGE", "SERVER_ERROR", "article-2023-04-27", "A server fault disrupted the service; since repaired."),
    ("2023-05-04", "MAINTENANCE", "MAINTENANCE", "article-2023-05-04-maintenance", "Planned maintenance from 10:00 to 11:00 PT; slow loads and queues possible afterwards."),
    ("2023-05-05", "DEGRADED", "OVERLOADED", "article-2023-05-05", "Heavy load congested the servers; some users had to wait."),
    ("2023-05-06", "MAJOR_OUTAGE", "SERVER_ERROR", "article-2023-05-05", "Not working: pages answered 500 Internal Error."),
    ("2023-05-08", "MAJOR_OUTAGE", "SERVER_ERROR", "article-2023-05-05", "The outage has now run for over 40 hours; support is working on it."),
    ("2023-05-09", "MAJOR_OUTAGE", "SERVER_ERROR", "article-2023-05-05", "A fix landed, but the service went down again."),
    ("2023-05-10", "PARTIAL_OUTAGE", "OVERLOADED", "article-2023-05-05", "Overloaded servers cause problems; no estimate for a fix."),
    ("2023-05-11", "PARTIAL_OUTAGE", "OTHER", "article-2023-05-05", "Problems persist for users."),
    ("2023-05-12", "PARTIAL_OUTAGE", "OTHER", "article-2023-05-05", "A share of users still affected."),
    ("2023-05-17", "MAJOR_OUTAGE", "OTHER", "article-2023-05-17", "Site down for a while, then repaired."),
    ("2023-05-30", "MAJOR_OUTAGE", "OTHER", "article-2023-05-30", "Down for a few minutes, then fine again."),
    ("2023-07-05", "PARTIAL_OUTAGE", "SERVER_ERROR", "article-2023-07-05", "Server trouble with the new Character AI hit many users."),
    ("2023-07-06", "PARTIAL_OUTAGE", "SERVER_ERROR", "article-2023-07-05", "Some users still affected by the previous day's trouble."),
    ("2023-07-07", "DEGRADED", "OTHER", "article-2023-07-05", "A fresh, smaller glitch hit a few users; resolved."),
    ("2023-07-20", "MAJOR_OUTAGE", "SERVER_ERROR", "article-2023-07-20", "Servers down for many users."),
    ("2023-07-21", "OPERATIONAL", "NONE", "article-2023-07-20", "Back to normal after a long interruption."),
    ("2023-07-28", "PARTIAL_OUTAGE", "OTHER", "article-2023-07-28", "Chatbots failing for some users after a new fault."),
    ("2023-08-03", "PARTIAL_OUTAGE", "OTHER", "article-2023-08-03", "Some users find the service unavailable or broken."),
    ("2023-08-08", "PARTIAL_OUTAGE", "OTHER", "article-2023-08-08", "Users report a new problem; no word from the company."),
]

# id, start, end, health, cause, scheduled, summary (date-only start/end: the first and last report day)
ARTICLE_INCIDENTS = [
    ("article-2023-04-14", "2023-04-14", "2023-04-14", "PARTIAL_OUTAGE", "OTHER", "no", "Trouble reported on 14 April, over the same day."),
    ("article-2023-04-17", "2023-04-17", "2023-04-17", "MAJOR_OUTAGE", "OVERLOADED", "no", "Waiting room and unsendable messages on 17 April; all clear on the 18th."),
    ("article-2023-04-24", "2023-04-24", "2023-04-25", "MAJOR_OUTAGE", "MAINTENANCE", "no", "A few hours of downtime tied to maintenance on 24 April; fixed by the 25th."),
    ("article-2023-04-27", "2023-04-27", "2023-04-27", "PARTIAL_OUTAGE", "SERVER_ERROR", "no", "Server-side disruption on 27 April, repaired."),
    ("article-2023-05-04-maintenance", "2023-05-04 10:00 PDT", "2023-05-04 11:00 PDT", "MAINTENANCE", "MAINTENANCE", "yes", "Announced one-hour maintenance; slow loading and queues could follow it."),
    ("article-2023-05-05", "2023-05-05", "2023-05-12", "MAJOR_OUTAGE", "SERVER_ERROR", "no", "The early-May episode: congestion on 5 May became 500 errors and an outage of over 40 hours, then relapses and overload until 12 May."),
    ("article-2023-05-17", "2023-05-17", "2023-05-17", "MAJOR_OUTAGE", "OTHER", "no", "Site down on 17 May, repaired the same day."),
    ("article-2023-05-30", "2023-05-30", "2023-05-30", "MAJOR_OUTAGE", "OTHER", "no", "A few minutes of downtime on 30 May."),
    ("article-2023-07-05", "2023-07-05", "2023-07-07", "PARTIAL_OUTAGE", "SERVER_ERROR", "no", "Server trouble with the new Character AI from 5 July, lingering for some users, a last small glitch on the 7th."),
    ("article-2023-07-20", "2023-07-20", "2023-07-21", "MAJOR_OUTAGE", "SERVER_ERROR", "no", "Long outage for many users on 20 July; normal again on the 21st."),
    ("article-2023-07-28", "2023-07-28", "2023-07-28", "PARTIAL_OUTAGE", "OTHER", "no", "Chatbots failing for some users on 28 July."),
    ("article-2023-08-03", "2023-08-03", "2023-08-03", "PARTIAL_OUTAGE", "OTHER", "no", "Service unavailable for some users on 3 August."),
    ("article-2023-08-08", "2023-08-08", "2023-08-08", "PARTIAL_OUTAGE", "OTHER", "no", "A new problem reported by users on 8 August; nothing official."),
]
MAINTENANCE_UPDATES = [("article-2023-05-04-maintenance", "2023-05-04 10:00 PDT", "IN_PROGRESS", "Announced window: no access from 10:00 to 11:00 PT.")]

# ---- the archive -------------------------------------------------------------------------------------------
IMPACT_HEALTH = {"impact-critical": "MAJOR_OUTAGE", "impact-major": "PARTIAL_OUTAGE",
                 "impact-minor": "DEGRADED", "impact-none": "DEGRADED"}
BOILERPLATE = {
    "This incident has been resolved.",
    "We are currently investigating this issue.",
    "The issue has been identified and a fix is being implemented.",
    "A fix has been implemented and we are monitoring the results.",
    "We are continuing to investigate this issue.",
    "We are continuing to monitor for any further issues.",
}
# (slug, local time) -> our paraphrase of a specific update body
NOTES = {
    ("clpqgprws6jg", "2023-11-17 19:03 PST"): "Partly back: only signed-in users get in.",
    ("t666zx5wmjvw", "2023-11-17 15:17 PST"): "Service back.",
    ("bt77d8174xlq", "2023-10-29 06:41 PDT"): "Cause: search backend failures spilled over into the database; patched for resilience.",
    ("0cksdfnhfy6p", "2023-10-29 06:59 PDT"): "Cause: an internal network failure took group chat down.",
    ("zppcsvf3sf9j", "2023-12-18 19:49 PST"): "Stable again; traffic readmitted gradually through the waiting room.",
    ("zppcsvf3sf9j", "2023-12-18 20:37 PST"): "Still recovering; users let back in slowly via the waiting room.",
    ("cbqgfzxx7b2m", "2024-08-16 18:34 PDT"): "Infrastructure upgrade under way; expect waiting-room queues.",
    ("3yxjbhm5ptq3", "2024-06-29 15:13 PDT"): "Login verification e-mails not arriving for some users; some land in spam.",
}
# slug -> cause, by what the title names; official incidents otherwise
def cause_of(title):
    t = title.lower()
    if "maintenance" in t:
        return "MAINTENANCE"
    if "slow" in t or "degraded performance" in t:
        return "SLOW"
    if "error" in t or "instability" in t:
        return "SERVER_ERROR"
    return "OFFICIAL_INCIDENT"

# slug -> what was affected, in our words, when the title names a part rather than the whole site
SCOPE = {
    "0cksdfnhfy6p": "group chat unavailable",
    "bt77d8174xlq": "database errors",
    "pz385w9h3vx7": "search unreliable",
    "m9njf9jw164k": "avatar images partly missing",
    "9m5pqqytjmgg": "voice features down",
    "0lrd352s91td": "chat down in the Android app",
    "sgwyyq1xr0xr": "problems on the website",
    "3yxjbhm5ptq3": "e-mail login verification failing",
    "cbqgfzxx7b2m": "planned infrastructure work with queueing",
    "4dnmfbgs809l": "pages slow to load",
    "tv1wlpglv6qz": "website slow to load",
    "hyj9hwhl85vd": "slow responses",
    "mc9hvd429jqn": "performance degraded",
    "q0xvy3xtgsrf": "servers unstable",
    "h3vtgftrvl61": "service partly degraded",
    "01vtrvk90lzc": "site event",
    "tm4dypfx8n4f": "scattered outage reports being investigated",
    "clpqgprws6jg": "back only in part for a while, signed-in users only",
}
IMPACT_WORD = {"impact-critical": "critical impact", "impact-major": "major impact", "impact-minor": "minor impact",
               "impact-none": "marked without impact"}

TS = re.compile(r"(\w{3}) (\d{2}), (\d{4}) - (\d{2}):(\d{2}) (PST|PDT)$")


def local_time(stamp):
    m = TS.search(stamp)
    if not m:
        raise ValueError("unreadable timestamp: " + stamp)
    mon, day, year, hh, mm, label = m.groups()
    naive = datetime.strptime(f"{mon} {day} {year} {hh}:{mm}", "%b %d %Y %H:%M")
    aware = naive.replace(tzinfo=PACIFIC)
    # both folds must be tried around the November switch; the label decides
    for fold in (0, 1):
        candidate = aware.replace(fold=fold)
        if candidate.utcoffset() == LABEL_OFFSET[label]:
            break
    else:
        raise ValueError(f"label {label} disagrees with America/Los_Angeles at {naive}")
    return naive, f"{naive:%Y-%m-%d %H:%M} {label}"


def human(minutes):
    h, m = divmod(minutes, 60)
    if h == 0:
        return f"{m} min"
    return f"{h} h {m} min" if m else f"{h} h"


def main(archive):
    out = []
    w = out.append
    incidents = []
    for f in sorted(glob.glob(os.path.join(archive, "incidents-*.csv"))):
        with open(f, newline="", encoding="utf-8") as fh:
            incidents.extend(csv.DictReader(fh))
    archive_rows = []
    for r in incidents:
        slug = r["Incident_Link"].rstrip("/").rsplit("/", 1)[1]
        ups = []
        for u in json.loads(r["Updates"]):
            naive, text = local_time(u["Update_Timestamp"])
            body = u["Update_Body"].strip()
            note = NOTES.get((slug, text))
            if note is None:
                if body not in BOILERPLATE:
                    raise ValueError(f"no paraphrase for {slug} {text}: {body}")
                note = "-"
            ups.append((naive, text, u["Update_Title"].strip().upper().replace(" ", "_"), note))
        ups.sort(key=lambda x: x[0])  # the page lists newest first; stable for equal minutes
        resolved = [x for x in ups if x[2] == "RESOLVED"]
        if len(resolved) != 1:
            raise ValueError(f"{slug}: expected one Resolved update")
        start, end = ups[0], resolved[0]
        minutes = int((end[0] - start[0]).total_seconds() // 60)
        # wall-clock difference is wrong across a DST switch; none of the incidents spans one (checked)
        if start[1][-3:] != end[1][-3:]:
            raise ValueError(f"{slug} spans a DST switch: compute minutes in UTC")
        title = r["Incident_Title"].strip()
        impact = r["Incident_Impact"].strip()
        scope = SCOPE.get(slug, "site unavailable" if impact == "impact-critical" else "partial outage")
        summary = f'"{title}": {scope}; {IMPACT_WORD[impact]} on the official page, resolved after {human(minutes)}.'
        archive_rows.append((start[0], slug, start[1], end[1], IMPACT_HEALTH[impact], cause_of(title),
                             r["Incident_Link"].strip(), summary, ups))
    archive_rows.sort()
    if len(archive_rows) != 36:
        raise ValueError(f"expected 36 archive incidents, found {len(archive_rows)}")

    days = []
    with open(os.path.join(archive, "daily-downtime-2023-10_2024-08.csv"), newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            d = datetime.strptime(r["Date"].strip(), "%d %b %Y").date()
            major = partial = 0
            for o in json.loads(r["Outages"]):
                kind = o["Outage_Type"]
                if kind == "Major outage":
                    major += o["Downtime (min)"]
                elif kind == "Partial outage":
                    partial += o["Downtime (min)"]
                else:
                    raise ValueError("unknown outage type " + kind)
            ids = [i["Incident_Link"].rstrip("/").rsplit("/", 1)[1] for i in json.loads(r["Incidents"])]
            days.append((d, major, partial, ids))
    days.sort()

    header = HEADER.format(n_days=len(days), first=days[0][0], last=days[-1][0],
                           major=sum(x[1] for x in days), partial=sum(x[2] for x in days),
                           total=sum(x[1] + x[2] for x in days))
    w(header.rstrip("\n"))
    w("")
    w("# --- incidents from the 2023 article (date-only unless times are given) ---")
    for inc in ARTICLE_INCIDENTS:
        iid, s, e, h, c, sch, summ = inc
        w("\t".join(["incident", iid, s, e, h, c, sch, "-", summ]))
        for (uid, t, st, note) in MAINTENANCE_UPDATES:
            if uid == iid:
                w("\t".join(["update", uid, t, st, note]))
    w("")
    w("# --- the 26 dated reports of the 2023 article, in its order ---")
    for rep in REPORTS:
        w("\t".join(["report"] + list(rep)))
    w("")
    w("# --- the official status page's 36 incidents, oldest first (times as the page showed them) ---")
    for (_, slug, s, e, h, c, link, summ, ups) in archive_rows:
        w("\t".join(["incident", slug, s, e, h, c, "no", link, summ]))
        for (_, t, st, note) in ups:
            w("\t".join(["update", slug, t, st, note]))
    w("")
    w("# --- the official page's daily downtime: date (a Pacific day), major minutes, partial minutes, incidents ---")
    for (d, major, partial, ids) in days:
        w("\t".join(["day", d.isoformat(), str(major), str(partial), ",".join(ids) if ids else "-"]))
    for line in out:
        if "\t\t" in line or line.endswith("\t"):
            raise ValueError("empty field in: " + line)
    sys.stdout.write("\n".join(out) + "\n")


HEADER = """\
# cai-status bundled outage history of Character.AI (format 1). Generated by tools/history/generate_history.py;
# edit that script, not this file.
#
# Sources (facts only: dates, times, impact levels, minutes, short incident titles; every summary and note is ours):
# - The 2023 article "Is Character AI down or not working right now?" (its table "About Character AI Service
#   Interruptions 2023": 26 dated reports, 15 March to 8 August 2023). Health, cause and grouping are our reading.
# - The official status page of Character.AI (status.character.ai, an Atlassian Statuspage), as archived by the
#   authors of the ICPE 2025 paper "An Empirical Characterization of Outages and Incidents in Public Services for
#   Large Language Models": artifact github.com/atlarge-research/llm-service-analysis (commit
#   36c45981a1dec9fccbadb2f7984de55c9cc8af9c, data/raw), also Zenodo record 14018219. 36 incidents (Oct 2023 to
#   Aug 2024) and {n_days} days of downtime ({first} to {last}: {major} min major + {partial} min partial = {total} min).
#
# Lines: '#' starts a comment; blank lines are ignored; fields are separated by one TAB; '-' means none.
#   incident  id  start  end  health  cause  scheduled(yes|no)  link  summary
#   update    incident-id  time  stage  note
#   report    date  health  cause  incident-id  summary
#   day       date  major-minutes  partial-minutes  incident-ids(comma-separated)
# health, cause and stage are the names of io.github.caistatus.api.Health, Cause and Stage.
#
# Times: 'YYYY-MM-DD HH:MM PST' or '... PDT' is US Pacific wall time as the page showed it; it is converted to UTC
# with the label's offset (-08:00 / -07:00), and the label must agree with America/Los_Angeles at that instant.
# A bare 'YYYY-MM-DD' marks a DATE-ONLY incident (the article gives days, not times): it starts at 00:00 Pacific
# of its start day and ends at 00:00 Pacific of the day after its end day, i.e. it spans the whole days on which
# it was reported. That end is a bound, not a measurement: such an incident has only REPORTED updates (one per
# report, at 00:00 Pacific of the report's day), its duration counts as unknown in availability, never as zero
# nor as whole days, and it is left out of outage-duration priors.
# The 4 May 2023 maintenance was announced for 10:00-11:00 PT, so its times are exact (17:00-18:00Z).
#
# Grouping the article's reports into incidents (our rules):
# - reports of trouble on days at most two days apart, with no all-clear between them, are one incident (the
#   early-May episode 5-12 May: the 8 May report itself speaks of more than 40 hours; 5-7 July; 24-25 April);
# - a report saying a named issue is fixed (25 April, 21 July) belongs to that incident and is its last day;
# - a report saying all is well without naming an issue (15 March, 7 April, 18 April) has no incident; when it
#   follows trouble (18 April after 17 April) it closes that trouble: the incident ends with the day before;
# - a scheduled maintenance stands alone, even next to other trouble (4 May before the 5 May congestion);
# - otherwise a report stands alone, and without later news its incident is taken to end with its day.
# Health of a report: the state it describes that day (all well: OPERATIONAL; waits or congestion: DEGRADED;
# some users or features failing: PARTIAL_OUTAGE; not working, down: MAJOR_OUTAGE). An incident takes the worst
# health of its reports, and the cause of that worst report.
#
# The archive: id = the incident link's last path segment; start = its first update; end = its Resolved update
# (a later Postmortem is kept as an update). Impact to health: critical -> MAJOR_OUTAGE; major -> PARTIAL_OUTAGE
# (Statuspage's "major" is its orange partial-outage level: the titles say "Partial outage", "Group Chat Down");
# minor -> DEGRADED; none -> DEGRADED (the two impact-none incidents, slow pages and e-mail login, did hurt users,
# but the page marked no component down and counted no downtime). Cause: MAINTENANCE, SLOW or SERVER_ERROR when
# the title says so, otherwise OFFICIAL_INCIDENT. Update notes: '-' for the page's standard stage phrases.
#
# Daily downtime: the page's per-day minutes of major and partial outage, for the days of the page's uptime bars,
# taken as calendar days in America/Los_Angeles (the page's own time zone: it shows times as PST/PDT). These
# minutes come from the page's component states and do not always match the incident times.
"""

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/statuspage-archive-2023-2024")
