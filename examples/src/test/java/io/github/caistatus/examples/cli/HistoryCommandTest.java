package io.github.caistatus.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HistoryCommandTest {

    record Run(int exitCode, String out, String err) {
        JSONObject json() {
            return new JSONObject(out);
        }
    }

    static Run run(String... args) {
        CommandLine cl = CaiStatusCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static List<JSONObject> objects(JSONArray array) {
        List<JSONObject> list = new ArrayList<>();
        for (int k = 0; k < array.length(); k++) {
            list.add(array.getJSONObject(k));
        }
        return list;
    }

    @Test
    void year2023JsonListsThe26ReportsAndThe2023IncidentsWithTheMaintenanceAt17To18Utc() {
        Run r = run("history", "--year", "2023", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        JSONObject o = r.json();
        assertThat(o.keySet()).containsExactlyInAnyOrder("reports", "incidents", "availability");

        List<JSONObject> reports = objects(o.getJSONArray("reports"));
        assertThat(reports).hasSize(26);
        assertThat(reports.get(0).getString("date")).isEqualTo("2023-03-15");
        assertThat(reports.get(0).get("incidentId")).isEqualTo(JSONObject.NULL);
        assertThat(reports.get(25).getString("date")).isEqualTo("2023-08-08");
        assertThat(reports).allSatisfy(rep -> assertThat(rep.keySet())
                .contains("date", "health", "cause", "summary", "source", "incidentId"));

        List<JSONObject> incidents = objects(o.getJSONArray("incidents"));
        // 13 from the article, 15 from the official archive (11 in Oct-Nov, 4 in Dec)
        assertThat(incidents).hasSize(28);
        assertThat(incidents.stream().filter(i -> !i.isNull("link"))).hasSize(15);
        JSONObject maintenance = incidents.stream().filter(i -> i.getString("id").equals("article-2023-05-04-maintenance"))
                .findFirst().orElseThrow();
        assertThat(maintenance.getString("start")).isEqualTo("2023-05-04T17:00:00Z");
        assertThat(maintenance.getString("end")).isEqualTo("2023-05-04T18:00:00Z");
        assertThat(maintenance.getString("health")).isEqualTo("MAINTENANCE");
        assertThat(maintenance.getBoolean("scheduled")).isTrue();
        assertThat(incidents).allSatisfy(i -> assertThat(i.keySet())
                .contains("id", "start", "end", "health", "cause", "summary", "source"));

        JSONObject a = o.getJSONObject("availability");
        assertThat(a.getString("from")).isEqualTo("2023-01-01T08:00:00Z");
        assertThat(a.getString("to")).isEqualTo("2024-01-01T08:00:00Z");
        // the maintenance (60 min) plus the page's minutes of 19 Oct - 31 Dec; date-only outages apart
        assertThat(a.getInt("unknownDurations")).isEqualTo(12);
        assertThat(a.getDouble("majorMinutes")).isGreaterThan(60);
    }

    @Test
    void theArchiveWindowGivesTheArchives3351MinutesOver318Days() {
        Run r = run("history", "--from", "2023-10-19", "--to", "2024-08-31", "--json");
        assertThat(r.exitCode()).isZero();
        JSONObject a = r.json().getJSONObject("availability");
        assertThat(a.getDouble("days")).isEqualTo(318.0);
        assertThat(a.getDouble("downtimeMinutes")).isEqualTo(3351.0);
        assertThat(a.getDouble("majorMinutes")).isEqualTo(1246.0);
        assertThat(a.getDouble("partialMinutes")).isEqualTo(2105.0);
        assertThat(a.getInt("unknownDurations")).isZero();
        assertThat(a.getDouble("ratio")).isCloseTo(1 - 3351.0 / (318 * 1440), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.json().getJSONArray("reports").length()).isZero();
        assertThat(r.json().getJSONArray("incidents").length()).isEqualTo(36);
    }

    @Test
    void datesAreInclusiveCalendarDays() {
        // 3 Nov 2023 alone: two official incidents that day, 197 measured minutes
        JSONObject o = run("history", "--from", "2023-11-03", "--to", "2023-11-03", "--json").json();
        assertThat(objects(o.getJSONArray("incidents"))).extracting(i -> i.getString("id"))
                .containsExactly("991k21s06ml4", "fl04cnw1hskw");
        assertThat(o.getJSONObject("availability").getDouble("majorMinutes")).isEqualTo(197.0);
        JSONObject may4 = run("history", "--from", "2023-05-04", "--to", "2023-05-04", "--json").json();
        assertThat(may4.getJSONArray("reports").length()).isEqualTo(1);
        assertThat(may4.getJSONObject("availability").getDouble("majorMinutes")).isEqualTo(60.0);
    }

    @Test
    void humanOutputHasATableMonthlyBarsAndTheAvailabilityLine() {
        Run r = run("history", "--from", "2023-10-19", "--to", "2024-08-31");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("DATE", "HEALTH", "CAUSE", "SOURCE", "SUMMARY")
                .contains("2023-10-24  partial outage")
                .contains("status page")
                .contains("Downtime per month")
                .containsPattern("2024-01  [█▒]+ +970 min")   // Jan 2024: 27 major + 363 + 580 partial minutes
                .contains("Availability 2023-10-19 to 2024-08-31: 99.268% (3,351 min of downtime over 318 days: "
                        + "1,246 major, 2,105 partial)");
        Run article = run("history", "--year", "2023");
        assertThat(article.out()).contains("2023-05-06  major outage    server error       article")
                .containsPattern("2023-04 +0 min  \\+ 4 \\?")        // 14, 17, 24 and 27 April: days, not times
                .containsPattern("2023-05  █+ +60 min  \\+ 3 \\?");  // the maintenance; 5, 17 and 30 May
    }

    @Test
    void badInputIsOneLineOnStderrAndExitCode2() {
        for (String[] args : List.of(
                new String[] {"history", "--from", "2023-13-01"},
                new String[] {"history", "--year", "twenty"},
                new String[] {"history", "--year", "2023", "--from", "2023-01-01"},
                new String[] {"history", "--from", "2024-02-01", "--to", "2024-01-01"},
                new String[] {"history", "--frm", "2024-02-01"})) {
            Run r = run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().strip()).startsWith("cai-status history: ").doesNotContain("\n").doesNotContain("Exception");
        }
        assertThat(run("history", "--from", "2023-13-01").err()).contains("'2023-13-01' is not a date");
    }
}
