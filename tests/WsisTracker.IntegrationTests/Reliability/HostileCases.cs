using System.Text;
using System.Text.Json.Nodes;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>
/// One hostile HTTP request and the statuses that reject it. <see cref="IfMatch"/> may be <see cref="HostileCases.CommitmentETag"/>
/// or <see cref="HostileCases.StakeholderETag"/>, replaced by the resource's current ETag when the request is sent, so
/// that a request meant to fail on its body does not fail on a stale version instead.
/// </summary>
public sealed record HostileRequest(
    string Name,
    HttpMethod Method,
    string Url,
    byte[]? Body = null,
    string? ContentType = null,
    string? IfMatch = null,
    string? Authorization = HostileCases.ValidAuthorization,
    IReadOnlyList<(string Name, string Value)>? Headers = null,
    int[]? Expected = null)
{
    public override string ToString() => Name;
}

/// <summary>The ids and payloads the hostile cases are built from.</summary>
public sealed record HostileTargets(int CommitmentId, int StakeholderId, string Today);

/// <summary>
/// The targets of the report and cycle writes: a draft and a submitted report of one stakeholder (whose Contributor key
/// is <see cref="HostileCases.ContributorAuthorization"/>), a commitment of it with no report, and an open cycle.
/// </summary>
public sealed record ReportTargets(int DraftId, int SubmittedId, int FreeCommitmentId, int DraftCommitmentId, int CycleId, string Today);

/// <summary>
/// Generates the hostile cases: each one is built to be rejected (its expected statuses are all 4xx), so a 2xx is a
/// failure as much as a 5xx is.
/// </summary>
public static class HostileCases
{
    public const string ValidKey = "{key}";
    public const string ValidAuthorization = "Bearer " + ValidKey;
    public const string CommitmentETag = "{commitment-etag}";
    public const string StakeholderETag = "{stakeholder-etag}";
    public const string ContributorAuthorization = "Bearer {contributor-key}";
    public const string DraftETag = "{draft-etag}";
    public const string SubmittedETag = "{submitted-etag}";
    public const string CycleETag = "{cycle-etag}";
    public const string Json = "application/json";
    public const string MergePatch = "application/merge-patch+json";

    public const string Script = "<script>alert(1)</script>";
    public const string AttributeBreak = "\"><img src=x onerror=alert(1)>";

    public static readonly string[] Injections =
    [
        Script,
        AttributeBreak,
        "' OR '1'='1",
        "1; DROP TABLE commitments; --",
        "'; SELECT pg_sleep(5); --",
        "\\\"}]}; alert(1)//",
        "{{7*7}}",
        "%00",
    ];

    private static readonly int[] BadRequest = [400];
    private static readonly int[] NotFound = [404];
    private static readonly int[] TooLarge = [413];
    private static readonly int[] Unsupported = [415];

    /// <summary>A valid commitment body (POST and PUT) with a unique title; each mutation below breaks exactly one member.</summary>
    public static JsonObject ValidCommitment() => new()
    {
        ["title"] = $"hostile {Guid.NewGuid():N}",
        ["description"] = "A commitment that a hostile case tries to break.",
        ["paragraphs"] = new JsonArray(new JsonObject { ["resolution"] = "a-res-80-173", ["number"] = 99 }),
        ["actionLines"] = new JsonArray("C4"),
        ["leadStakeholders"] = new JsonArray("itu"),
    };

    public static JsonObject ValidProgress(string today) => new() { ["status"] = "onTrack", ["progressPercent"] = 10, ["asOf"] = today };

    public static JsonObject ValidStakeholder() => new() { ["name"] = $"Hostile stakeholder {Guid.NewGuid():N}", ["group"] = "civilSociety" };

    /// <summary>Members of a commitment body, each with a value the API must refuse.</summary>
    public static IEnumerable<(string Name, string Member, JsonNode? Value)> CommitmentMutations()
    {
        var longText = new string('x', 10_000);
        yield return ("title empty", "title", "");
        yield return ("title blank", "title", "   \t ");
        yield return ("title 201 chars", "title", new string('t', 201));
        yield return ("title 10000 chars", "title", longText);
        yield return ("title null", "title", null);
        yield return ("title with NUL", "title", "a\u0000b");
        yield return ("title number", "title", 123);
        yield return ("title boolean", "title", true);
        yield return ("title array", "title", new JsonArray("a"));
        yield return ("title object", "title", new JsonObject { ["en"] = "x" });
        yield return ("description 4001 chars", "description", new string('d', 4001));
        yield return ("description null", "description", null);
        yield return ("description with NUL", "description", "line\u0000line");
        yield return ("description number", "description", 4.5);
        yield return ("title with U+0001", "title", "x\u0001y");
        yield return ("title with U+FFFF", "title", "x\uFFFFy");
        yield return ("title with U+FFFE", "title", "x\uFFFEy");
        yield return ("title with DEL", "title", "x\u007Fy");
        yield return ("title with a C1 control", "title", "x\u0085y");
        yield return ("description with U+FDD0", "description", "x\uFDD0y");
        yield return ("description with U+1FFFF", "description", "x\U0001FFFFy");
        yield return ("target date text with U+001B", "targetDateText", "by \u001B[31m2030");
        yield return ("milestone title with U+FFFF", "milestones", new JsonArray(new JsonObject { ["title"] = "m\uFFFF" }));
        yield return ("action line with U+0001", "actionLines", new JsonArray("C4\u0001"));
        yield return ("paragraphs empty", "paragraphs", new JsonArray());
        yield return ("paragraphs not an array", "paragraphs", "a-res-80-173:99");
        yield return ("paragraphs [null]", "paragraphs", new JsonArray((JsonNode?)null));
        yield return ("paragraphs [{}]", "paragraphs", new JsonArray(new JsonObject()));
        yield return ("paragraph number unknown", "paragraphs", Paragraph("a-res-80-173", 99_999));
        yield return ("paragraph number zero", "paragraphs", Paragraph("a-res-80-173", 0));
        yield return ("paragraph number negative", "paragraphs", Paragraph("a-res-80-173", -1));
        yield return ("paragraph number int overflow", "paragraphs", new JsonArray(new JsonObject { ["resolution"] = "a-res-80-173", ["number"] = 2_147_483_648L }));
        yield return ("paragraph number fraction", "paragraphs", new JsonArray(new JsonObject { ["resolution"] = "a-res-80-173", ["number"] = 9.5 }));
        yield return ("paragraph resolution unknown", "paragraphs", Paragraph("a-res-99-999", 1));
        yield return ("paragraph resolution null", "paragraphs", new JsonArray(new JsonObject { ["resolution"] = null, ["number"] = 99 }));
        yield return ("paragraph unknown member", "paragraphs", new JsonArray(new JsonObject { ["resolution"] = "a-res-80-173", ["number"] = 99, ["page"] = 1 }));
        yield return ("action lines empty", "actionLines", new JsonArray());
        yield return ("action line unknown", "actionLines", new JsonArray("C99"));
        yield return ("action line sub-line unknown", "actionLines", new JsonArray("C7.99"));
        yield return ("action lines [null]", "actionLines", new JsonArray((JsonNode?)null));
        yield return ("action lines [number]", "actionLines", new JsonArray(1));
        yield return ("action lines string", "actionLines", "C4");
        yield return ("action line 10000 chars", "actionLines", new JsonArray(longText));
        yield return ("lead stakeholders empty", "leadStakeholders", new JsonArray());
        yield return ("lead stakeholder unknown", "leadStakeholders", new JsonArray("nobody-at-all"));
        yield return ("lead stakeholders [null]", "leadStakeholders", new JsonArray((JsonNode?)null));
        yield return ("lead stakeholder padded", "leadStakeholders", new JsonArray(" itu "));
        yield return ("lead stakeholder 10000 chars", "leadStakeholders", new JsonArray(longText));
        yield return ("partner stakeholder unknown", "partnerStakeholders", new JsonArray("nobody-at-all"));
        yield return ("partner stakeholders [null]", "partnerStakeholders", new JsonArray((JsonNode?)null));
        yield return ("target date 2026-02-30", "targetDate", "2026-02-30");
        yield return ("target date 2027-02-29", "targetDate", "2027-02-29");
        yield return ("target date year 0", "targetDate", "0000-01-01");
        yield return ("target date month 13", "targetDate", "2030-13-01");
        yield return ("target date 1999-12-31", "targetDate", "1999-12-31");
        yield return ("target date 2101-01-01", "targetDate", "2101-01-01");
        yield return ("target date 9999-12-31", "targetDate", "9999-12-31");
        yield return ("target date with time", "targetDate", "2030-12-31T00:00:00Z");
        yield return ("target date words", "targetDate", "by 2030");
        yield return ("target date number", "targetDate", 20301231);
        yield return ("target date text 201 chars", "targetDateText", new string('w', 201));
        yield return ("reporting cadence unknown", "reportingCadence", "hourly");
        yield return ("reporting cadence integer", "reportingCadence", 1);
        yield return ("reporting cadence empty", "reportingCadence", "");
        yield return ("milestones 51", "milestones", new JsonArray([.. Enumerable.Range(1, 51).Select(i => (JsonNode)new JsonObject { ["title"] = $"m{i}" })]));
        yield return ("milestones [null]", "milestones", new JsonArray((JsonNode?)null));
        yield return ("milestone title empty", "milestones", new JsonArray(new JsonObject { ["title"] = "", ["dueDate"] = "2027-01-31" }));
        yield return ("milestone title 201 chars", "milestones", new JsonArray(new JsonObject { ["title"] = new string('m', 201) }));
        yield return ("milestone due 2026-02-30", "milestones", new JsonArray(new JsonObject { ["title"] = "m", ["dueDate"] = "2026-02-30" }));
        yield return ("milestone due year 0", "milestones", new JsonArray(new JsonObject { ["title"] = "m", ["dueDate"] = "0000-01-01" }));
        yield return ("milestone completed in the future", "milestones", new JsonArray(new JsonObject { ["title"] = "m", ["completedDate"] = "2099-01-01" }));
        yield return ("milestone unknown member", "milestones", new JsonArray(new JsonObject { ["title"] = "m", ["owner"] = "me" }));
        yield return ("unknown member", "colour", "red");
        yield return ("unknown member __proto__", "__proto__", new JsonObject { ["isAdmin"] = true });
        yield return ("unknown member $type", "$type", "System.IO.FileInfo");
        yield return ("status is not defined by PUT", "status", "achieved");
        foreach (var (payload, i) in Injections.Select((p, i) => (p, i)))
        {
            yield return ($"action line injection {i}", "actionLines", new JsonArray(payload));
            yield return ($"lead stakeholder injection {i}", "leadStakeholders", new JsonArray(payload));
        }
    }

    /// <summary>Members of a progress body, each with a value the API must refuse.</summary>
    public static IEnumerable<(string Name, JsonObject Body)> ProgressBodies(string today)
    {
        var tomorrow = DateOnly.ParseExact(today, "yyyy-MM-dd").AddDays(1).ToString("yyyy-MM-dd");
        IEnumerable<(string, string, JsonNode?)> mutations =
        [
            ("progress -1", "progressPercent", -1),
            ("progress 101", "progressPercent", 101),
            ("progress 1000", "progressPercent", 1000),
            ("progress int overflow", "progressPercent", 2_147_483_648L),
            ("progress int min", "progressPercent", int.MinValue),
            ("progress fraction", "progressPercent", 50.5),
            ("progress exponent", "progressPercent", JsonNode.Parse("1e2")),
            ("status unknown", "status", "done"),
            ("status empty", "status", ""),
            ("status integer", "status", 1),
            ("status null", "status", null),
            ("status injection", "status", Script),
            ("as-of 2026-02-30", "asOf", "2026-02-30"),
            ("as-of 2025-02-29", "asOf", "2025-02-29"),
            ("as-of year 0", "asOf", "0000-01-01"),
            ("as-of 9999-12-31", "asOf", "9999-12-31"),
            ("as-of tomorrow", "asOf", tomorrow),
            ("as-of null", "asOf", null),
            ("as-of words", "asOf", "yesterday"),
            ("note 4001 chars", "note", new string('n', 4001)),
            ("note number", "note", 7),
            ("note with NUL", "note", "a\u0000b"),
            ("note with U+FFFF", "note", "a\uFFFFb"),
            ("note with U+FFFE", "note", "a\uFFFEb"),
            ("note with U+0001", "note", "a\u0001b"),
            ("note with U+000B", "note", "a\u000Bb"),
            ("evidence with U+FFFF", "evidenceLinks", new JsonArray("https://example.org/\uFFFF")),
            ("evidence javascript", "evidenceLinks", new JsonArray("javascript:alert(1)")),
            ("evidence data url", "evidenceLinks", new JsonArray("data:text/html,<script>alert(1)</script>")),
            ("evidence not a url", "evidenceLinks", new JsonArray("not a link")),
            ("evidence relative", "evidenceLinks", new JsonArray("/reports/1.pdf")),
            ("evidence ftp", "evidenceLinks", new JsonArray("ftp://example.org/a")),
            ("evidence 11 links", "evidenceLinks", new JsonArray([.. Enumerable.Range(1, 11).Select(i => (JsonNode)$"https://example.org/{i}")])),
            ("evidence 10000 chars", "evidenceLinks", new JsonArray("https://example.org/" + new string('e', 10_000))),
            ("evidence string", "evidenceLinks", "https://example.org/a"),
            ("unknown member", "author", "someone else"),
            ("unknown member recordedAt", "recordedAt", "2020-01-01T00:00:00Z"),
        ];
        foreach (var (name, member, value) in mutations)
        {
            var body = ValidProgress(today);
            body[member] = value?.DeepClone();
            yield return (name, body);
        }

        yield return ("status missing", Without(ValidProgress(today), "status"));
        yield return ("as-of missing", Without(ValidProgress(today), "asOf"));
        yield return ("off track without a note", new JsonObject { ["status"] = "offTrack", ["progressPercent"] = 10, ["asOf"] = today });
        yield return ("discontinued without a note", new JsonObject { ["status"] = "discontinued", ["asOf"] = today });
        yield return ("not started with progress", new JsonObject { ["status"] = "notStarted", ["progressPercent"] = 50, ["asOf"] = today });
        yield return ("achieved at 50", new JsonObject { ["status"] = "achieved", ["progressPercent"] = 50, ["asOf"] = today });
    }

    public static JsonObject ValidReport(string today) => new() { ["status"] = "onTrack", ["progressPercent"] = 10, ["narrative"] = "Work goes on.", ["asOf"] = today };

    public static JsonObject ValidCycle(string today) => new() { ["name"] = $"Hostile cycle {Guid.NewGuid():N}", ["opensOn"] = today, ["dueOn"] = today };

    /// <summary>
    /// The progress reports' and reporting cycles' writes (issues 16 and 17): bodies each member of which the API must
    /// refuse, malformed JSON, wrong content types, missing and stale versions, bad idempotency keys, and principals
    /// that may not make the write.
    /// </summary>
    public static IEnumerable<HostileRequest> ReportAndCycleWrites(ReportTargets t)
    {
        var create = $"/api/v1/commitments/{t.FreeCommitmentId}/reports";
        var draft = $"/api/v1/reports/{t.DraftId}";
        var submitted = $"/api/v1/reports/{t.SubmittedId}";
        var cycle = $"/api/v1/reporting-cycles/{t.CycleId}";
        IEnumerable<(string, string, JsonNode?)> reportMutations =
        [
            ("status unknown", "status", "done"),
            ("status null", "status", null),
            ("status integer", "status", 3),
            ("progress 101", "progressPercent", 101),
            ("progress -1", "progressPercent", -1),
            ("progress fraction", "progressPercent", 12.5),
            ("as-of tomorrow", "asOf", DateOnly.ParseExact(t.Today, "yyyy-MM-dd").AddDays(1).ToString("yyyy-MM-dd")),
            ("as-of 2026-02-30", "asOf", "2026-02-30"),
            ("as-of null", "asOf", null),
            ("narrative 4001 chars", "narrative", new string('n', 4001)),
            ("narrative with NUL", "narrative", "a\u0000b"),
            ("narrative with U+FFFE", "narrative", "a\uFFFEb"),
            ("evidence javascript", "evidenceLinks", new JsonArray("javascript:alert(1)")),
            ("evidence relative", "evidenceLinks", new JsonArray("/reports/1.pdf")),
            ("evidence 11 links", "evidenceLinks", new JsonArray([.. Enumerable.Range(1, 11).Select(i => (JsonNode)$"https://example.org/{i}")])),
            ("countries not alpha-3", "countries", new JsonArray("KE")),
            ("countries injection", "countries", new JsonArray("KEN'; DROP TABLE commitments; --")),
            ("countries string", "countries", "KEN"),
            ("unknown member", "stakeholderId", 1),
            ("unknown member state", "state", "approved"),
        ];
        foreach (var (name, member, value) in reportMutations)
        {
            var body = ValidReport(t.Today);
            body[member] = value?.DeepClone();
            yield return new($"POST report: {name}", HttpMethod.Post, create, Utf8(body.ToJsonString()), Json, Authorization: ContributorAuthorization, Expected: BadRequest);
            yield return new($"PUT report: {name}", HttpMethod.Put, draft, Utf8(body.ToJsonString()), Json, DraftETag, ContributorAuthorization, Expected: BadRequest);
        }

        yield return new("POST report: status missing", HttpMethod.Post, create, Utf8(Without(ValidReport(t.Today), "status").ToJsonString()), Json, Authorization: ContributorAuthorization, Expected: BadRequest);
        yield return new("POST report: off track without a narrative", HttpMethod.Post, create, Utf8(new JsonObject { ["status"] = "offTrack", ["progressPercent"] = 10, ["asOf"] = t.Today }.ToJsonString()), Json, Authorization: ContributorAuthorization, Expected: BadRequest);
        foreach (var (name, bytes) in MalformedBodies())
        {
            yield return new($"POST report: {name}", HttpMethod.Post, create, bytes, Json, Authorization: ContributorAuthorization, Expected: BadRequest);
            yield return new($"PUT report: {name}", HttpMethod.Put, draft, bytes, Json, DraftETag, ContributorAuthorization, Expected: BadRequest);
            yield return new($"POST return: {name}", HttpMethod.Post, $"{submitted}/return", bytes, Json, SubmittedETag, Expected: BadRequest);
            yield return new($"POST cycle: {name}", HttpMethod.Post, "/api/v1/reporting-cycles", bytes, Json, Expected: BadRequest);
        }

        foreach (var contentType in WrongContentTypes(patch: false))
        {
            yield return new($"POST report: Content-Type '{Shorten(contentType)}'", HttpMethod.Post, create, Utf8(ValidReport(t.Today).ToJsonString()), contentType, Authorization: ContributorAuthorization, Expected: [400, 415]);
            yield return new($"POST reject: Content-Type '{Shorten(contentType)}'", HttpMethod.Post, $"{submitted}/reject", Utf8("{\"comment\": \"No.\"}"), contentType, SubmittedETag, Expected: [400, 415]);
            yield return new($"POST cycle: Content-Type '{Shorten(contentType)}'", HttpMethod.Post, "/api/v1/reporting-cycles", Utf8(ValidCycle(t.Today).ToJsonString()), contentType, Expected: [400, 415]);
        }

        yield return new("POST report: oversized", HttpMethod.Post, create, Oversized(), Json, Authorization: ContributorAuthorization, Expected: TooLarge);
        yield return new("POST report: a reviewer's key drafts", HttpMethod.Post, create, Utf8(ValidReport(t.Today).ToJsonString()), Json, Expected: [403]);
        yield return new("POST report: anonymous", HttpMethod.Post, create, Utf8(ValidReport(t.Today).ToJsonString()), Json, Authorization: null, Expected: [401]);
        yield return new("POST report: a second open report", HttpMethod.Post, $"/api/v1/commitments/{t.DraftCommitmentId}/reports", Utf8(ValidReport(t.Today).ToJsonString()), Json, Authorization: ContributorAuthorization, Expected: [409]);
        yield return new("POST report: unknown commitment", HttpMethod.Post, "/api/v1/commitments/2147483647/reports", Utf8(ValidReport(t.Today).ToJsonString()), Json, Authorization: ContributorAuthorization, Expected: NotFound);
        foreach (var (key, name) in new[] { (new string('k', 201), "201 chars"), ("has space", "a space"), ("ключ", "non-ASCII"), ("a\u007fb", "DEL") })
        {
            yield return new($"POST report: Idempotency-Key {name}", HttpMethod.Post, create, Utf8(ValidReport(t.Today).ToJsonString()), Json, Authorization: ContributorAuthorization, Headers: [("Idempotency-Key", key)], Expected: BadRequest);
            yield return new($"POST cycle: Idempotency-Key {name}", HttpMethod.Post, "/api/v1/reporting-cycles", Utf8(ValidCycle(t.Today).ToJsonString()), Json, Headers: [("Idempotency-Key", key)], Expected: BadRequest);
        }

        yield return new("PUT report: no If-Match", HttpMethod.Put, draft, Utf8(ValidReport(t.Today).ToJsonString()), Json, Authorization: ContributorAuthorization, Expected: [428]);
        yield return new("PUT report: stale If-Match", HttpMethod.Put, draft, Utf8(ValidReport(t.Today).ToJsonString()), Json, "\"1\"", ContributorAuthorization, Expected: [412]);
        yield return new("PUT report: If-Match not a version", HttpMethod.Put, draft, Utf8(ValidReport(t.Today).ToJsonString()), Json, "\"abc\"", ContributorAuthorization, Expected: [400, 412]);
        yield return new("PUT report: a submitted one", HttpMethod.Put, submitted, Utf8(ValidReport(t.Today).ToJsonString()), Json, SubmittedETag, ContributorAuthorization, Expected: [409]);
        yield return new("POST submit: stale If-Match", HttpMethod.Post, $"{draft}/submit", null, null, "\"1\"", ContributorAuthorization, Expected: [412]);
        yield return new("POST submit: no If-Match", HttpMethod.Post, $"{draft}/submit", null, null, null, ContributorAuthorization, Expected: [428]);
        yield return new("POST submit: a reviewer's key", HttpMethod.Post, $"{draft}/submit", null, null, DraftETag, Expected: [403]);
        yield return new("POST approve: the contributor's own key", HttpMethod.Post, $"{submitted}/approve", null, null, SubmittedETag, ContributorAuthorization, Expected: [403]);
        yield return new("POST approve: a draft", HttpMethod.Post, $"{draft}/approve", null, null, DraftETag, Expected: [409]);
        yield return new("POST approve: stale If-Match", HttpMethod.Post, $"{submitted}/approve", null, null, "\"1\"", Expected: [412]);
        yield return new("POST approve: no If-Match", HttpMethod.Post, $"{submitted}/approve", Expected: [428]);
        yield return new("POST approve: unknown report", HttpMethod.Post, "/api/v1/reports/2147483647/approve", null, null, "\"1\"", Expected: NotFound);
        foreach (var verb in new[] { "return", "reject" })
        {
            var url = $"{submitted}/{verb}";
            yield return new($"POST {verb}: comment missing", HttpMethod.Post, url, Utf8("{}"), Json, SubmittedETag, Expected: BadRequest);
            yield return new($"POST {verb}: comment blank", HttpMethod.Post, url, Utf8("{\"comment\": \"   \"}"), Json, SubmittedETag, Expected: BadRequest);
            yield return new($"POST {verb}: comment 4001 chars", HttpMethod.Post, url, Utf8(new JsonObject { ["comment"] = new string('c', 4001) }.ToJsonString()), Json, SubmittedETag, Expected: BadRequest);
            yield return new($"POST {verb}: comment with NUL", HttpMethod.Post, url, Utf8("{\"comment\": \"a\\u0000b\"}"), Json, SubmittedETag, Expected: BadRequest);
            yield return new($"POST {verb}: comment lone surrogate", HttpMethod.Post, url, Utf8("{\"comment\": \"a\\ud800b\"}"), Json, SubmittedETag, Expected: BadRequest);
            yield return new($"POST {verb}: comment number", HttpMethod.Post, url, Utf8("{\"comment\": 7}"), Json, SubmittedETag, Expected: BadRequest);
            yield return new($"POST {verb}: unknown member", HttpMethod.Post, url, Utf8("{\"comment\": \"No.\", \"state\": \"approved\"}"), Json, SubmittedETag, Expected: BadRequest);
            yield return new($"POST {verb}: the contributor's own key", HttpMethod.Post, url, Utf8("{\"comment\": \"No.\"}"), Json, SubmittedETag, ContributorAuthorization, Expected: [403]);
            yield return new($"POST {verb}: a draft", HttpMethod.Post, $"{draft}/{verb}", Utf8("{\"comment\": \"No.\"}"), Json, DraftETag, Expected: [409]);
        }

        IEnumerable<(string, string, JsonNode?)> cycleMutations =
        [
            ("name missing", "name", null),
            ("name blank", "name", "  "),
            ("name 201 chars", "name", new string('n', 201)),
            ("name with U+0001", "name", "a\u0001b"),
            ("opens on 1999", "opensOn", "1999-12-31"),
            ("opens on 2026-02-30", "opensOn", "2026-02-30"),
            ("opens on words", "opensOn", "next week"),
            ("due on 2101", "dueOn", "2101-01-01"),
            ("due before it opens", "dueOn", DateOnly.ParseExact(t.Today, "yyyy-MM-dd").AddDays(-1).ToString("yyyy-MM-dd")),
            ("due on null", "dueOn", null),
            ("unknown resolution", "resolution", "a-res-1-1"),
            ("resolution injection", "resolution", "a-res-70-125' OR '1'='1"),
            ("unknown action line", "actionLine", "C12"),
            ("unknown stakeholder", "stakeholder", "nobody-at-all"),
            ("unknown member", "closedAt", "2026-01-01T00:00:00Z"),
            ("unknown member snapshot", "snapshot", "{}"),
        ];
        foreach (var (name, member, value) in cycleMutations)
        {
            var body = ValidCycle(t.Today);
            body[member] = value?.DeepClone();
            yield return new($"POST cycle: {name}", HttpMethod.Post, "/api/v1/reporting-cycles", Utf8(body.ToJsonString()), Json, Expected: BadRequest);
        }

        yield return new("POST cycle: a Contributor key", HttpMethod.Post, "/api/v1/reporting-cycles", Utf8(ValidCycle(t.Today).ToJsonString()), Json, Authorization: ContributorAuthorization, Expected: [403]);
        yield return new("POST cycle: anonymous", HttpMethod.Post, "/api/v1/reporting-cycles", Utf8(ValidCycle(t.Today).ToJsonString()), Json, Authorization: null, Expected: [401]);
        yield return new("POST close: no If-Match", HttpMethod.Post, $"{cycle}/close", Expected: [428]);
        yield return new("POST close: stale If-Match", HttpMethod.Post, $"{cycle}/close", null, null, "\"1\"", Expected: [412]);
        yield return new("POST close: a Contributor key", HttpMethod.Post, $"{cycle}/close", null, null, CycleETag, ContributorAuthorization, Expected: [403]);
        yield return new("POST close: unknown cycle", HttpMethod.Post, "/api/v1/reporting-cycles/2147483647/close", null, null, "\"1\"", Expected: NotFound);
    }

    /// <summary>Members of a stakeholder body, each with a value the API must refuse.</summary>
    public static IEnumerable<(string Name, JsonObject Body)> StakeholderBodies()
    {
        IEnumerable<(string, string, JsonNode?)> mutations =
        [
            ("name empty", "name", ""),
            ("name blank", "name", "  "),
            ("name null", "name", null),
            ("name 201 chars", "name", new string('n', 201)),
            ("name number", "name", 42),
            ("name with NUL", "name", "a\u0000b"),
            ("name with U+FFFF", "name", "a\uFFFFb"),
            ("name with U+0001", "name", "a\u0001b"),
            ("acronym with U+FFFE", "acronym", "A\uFFFE"),
            ("acronym 33 chars", "acronym", new string('A', 33)),
            ("group unknown", "group", "aliens"),
            ("group integer", "group", 2),
            ("group null", "group", null),
            ("group injection", "group", "civilSociety' OR '1'='1"),
            ("country code 2 letters", "countryCode", "KE"),
            ("country code 4 letters", "countryCode", "KENY"),
            ("country code digits", "countryCode", "123"),
            ("country code injection", "countryCode", "K'--"),
            ("website javascript", "website", "javascript:alert(1)"),
            ("website ftp", "website", "ftp://example.org"),
            ("website relative", "website", "/about"),
            ("website 501 chars", "website", "https://example.org/" + new string('w', 481)),
            ("unknown member", "slug", "itu"),
            ("unknown member version", "version", 1),
        ];
        foreach (var (name, member, value) in mutations)
        {
            var body = ValidStakeholder();
            body[member] = value?.DeepClone();
            yield return (name, body);
        }

        yield return ("group missing", Without(ValidStakeholder(), "group"));
    }

    /// <summary>Bodies that are not JSON the API can read, whatever the endpoint.</summary>
    public static IEnumerable<(string Name, byte[] Body)> MalformedBodies()
    {
        yield return ("empty body", []);
        yield return ("unterminated object", Utf8("{"));
        yield return ("unterminated string", Utf8("{\"title\": \"abc"));
        yield return ("single quotes", Utf8("{'title': 'x'}"));
        yield return ("trailing comma", Utf8("{\"title\": \"x\",}"));
        yield return ("comment", Utf8("/* hi */ {\"title\": \"x\"}"));
        yield return ("NaN", Utf8("{\"title\": NaN}"));
        yield return ("two documents", Utf8("{} {}"));
        yield return ("root array", Utf8("[]"));
        yield return ("root string", Utf8("\"x\""));
        yield return ("root number", Utf8("1"));
        yield return ("root null", Utf8("null"));
        yield return ("xml", Utf8("<commitment><title>x</title></commitment>"));
        yield return ("form encoded", Utf8("title=x&description=y"));
        yield return ("nested arrays 10000 deep", Utf8("{\"title\": " + new string('[', 10_000) + new string(']', 10_000) + "}"));
        yield return ("nested objects 10000 deep", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return ("root arrays 10000 deep", Utf8(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("unclosed arrays 10000 deep", Utf8("{\"title\": " + new string('[', 10_000)));
        yield return ("invalid UTF-8 C3 28", [.. Utf8("{\"title\": \""), 0xC3, 0x28, .. Utf8("\"}")]);
        yield return ("invalid UTF-8 FF", [.. Utf8("{\"title\": \"a"), 0xFF, .. Utf8("\"}")]);
        yield return ("invalid UTF-8 overlong slash", [.. Utf8("{\"title\": \""), 0xC0, 0xAF, .. Utf8("\"}")]);
        yield return ("invalid UTF-8 encoded surrogate", [.. Utf8("{\"title\": \""), 0xED, 0xA0, 0x80, .. Utf8("\"}")]);
        yield return ("invalid UTF-8 truncated", [.. Utf8("{\"title\": \"\u00e9"), 0xE2, 0x82]);
        yield return ("invalid UTF-8 in a member name", [.. Utf8("{\""), 0xFE, .. Utf8("\": 1}")]);
        yield return ("NUL bytes", [0, 0, 0, 0]);
        yield return ("UTF-16 body", Encoding.Unicode.GetBytes("{\"title\": \"x\"}"));
    }

    /// <summary>A body over <c>Api:MaxRequestBodyBytes</c> (256 KiB).</summary>
    public static byte[] Oversized() => Utf8("{\"title\": \"big\", \"description\": \"" + new string('x', 300_000) + "\"}");

    public static string[] WrongContentTypes(bool patch) =>
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/csv", "application/javascript",
        "application/jsonx", patch ? Json : MergePatch, patch ? "application/json-patch+json" : "application/json-seq",
    ];

    public static IEnumerable<HostileRequest> ApiBodies(HostileTargets t)
    {
        var commitment = $"/api/v1/commitments/{t.CommitmentId}";
        var stakeholder = $"/api/v1/stakeholders/{t.StakeholderId}";
        foreach (var (name, member, value) in CommitmentMutations())
        {
            var body = ValidCommitment();
            body[member] = value?.DeepClone();
            yield return new($"POST commitments: {name}", HttpMethod.Post, "/api/v1/commitments", Utf8(body.ToJsonString()), Json, Expected: BadRequest);
            var replacement = ValidCommitment();
            replacement[member] = value?.DeepClone();
            yield return new($"PUT commitment: {name}", HttpMethod.Put, commitment, Utf8(replacement.ToJsonString()), Json, CommitmentETag, Expected: BadRequest);
            var patch = new JsonObject { [member] = value?.DeepClone() };
            yield return new($"PATCH commitment: {name}", HttpMethod.Patch, commitment, Utf8(patch.ToJsonString()), MergePatch, CommitmentETag, Expected: BadRequest);
        }

        foreach (var (name, body) in ProgressBodies(t.Today))
        {
            yield return new($"POST progress: {name}", HttpMethod.Post, $"{commitment}/progress", Utf8(body.ToJsonString()), Json, CommitmentETag, Expected: BadRequest);
        }

        foreach (var (name, body) in StakeholderBodies())
        {
            yield return new($"POST stakeholders: {name}", HttpMethod.Post, "/api/v1/stakeholders", Utf8(body.ToJsonString()), Json, Expected: BadRequest);
            yield return new($"PUT stakeholder: {name}", HttpMethod.Put, stakeholder, Utf8(body.ToJsonString()), Json, StakeholderETag, Expected: BadRequest);
        }

        foreach (var surrogate in new[] { "\\ud800", "\\udfff", "\\udc00\\ud800" })
        {
            var label = $"lone surrogate {surrogate.Replace("\\", "", StringComparison.Ordinal)}";
            var title = Utf8($"{{\"title\": \"x{surrogate}y\"}}");
            yield return new($"POST commitments: title with {label}", HttpMethod.Post, "/api/v1/commitments", WithMember(ValidCommitment(), "title", $"x{surrogate}y"), Json, Expected: BadRequest);
            yield return new($"PUT commitment: title with {label}", HttpMethod.Put, commitment, WithMember(ValidCommitment(), "title", $"x{surrogate}y"), Json, CommitmentETag, Expected: BadRequest);
            yield return new($"PATCH commitment: title with {label}", HttpMethod.Patch, commitment, title, MergePatch, CommitmentETag, Expected: BadRequest);
            yield return new($"POST progress: note with {label}", HttpMethod.Post, $"{commitment}/progress", WithMember(ValidProgress(t.Today), "note", $"a{surrogate}b"), Json, CommitmentETag, Expected: BadRequest);
            yield return new($"POST stakeholders: name with {label}", HttpMethod.Post, "/api/v1/stakeholders", WithMember(ValidStakeholder(), "name", $"a{surrogate}b"), Json, Expected: BadRequest);
        }

        (string Label, HttpMethod Method, string Url, string ContentType, string? IfMatch)[] endpoints =
        [
            ("POST commitments", HttpMethod.Post, "/api/v1/commitments", Json, null),
            ("PUT commitment", HttpMethod.Put, commitment, Json, CommitmentETag),
            ("PATCH commitment", HttpMethod.Patch, commitment, MergePatch, CommitmentETag),
            ("POST progress", HttpMethod.Post, $"{commitment}/progress", Json, CommitmentETag),
            ("POST stakeholders", HttpMethod.Post, "/api/v1/stakeholders", Json, null),
            ("PUT stakeholder", HttpMethod.Put, stakeholder, Json, StakeholderETag),
        ];
        foreach (var (label, method, url, contentType, ifMatch) in endpoints)
        {
            foreach (var (name, body) in MalformedBodies())
            {
                yield return new($"{label}: {name}", method, url, body, contentType, ifMatch, Expected: BadRequest);
            }

            yield return new($"{label}: body over the size limit", method, url, Oversized(), contentType, ifMatch, Expected: TooLarge);
            yield return new($"{label}: body over the size limit, no Content-Length", method, url, Oversized(), contentType, ifMatch,
                Headers: [("X-Test-Chunked", "true")], Expected: TooLarge);
            foreach (var wrong in WrongContentTypes(method == HttpMethod.Patch))
            {
                // A +json type is JSON to the formatter: "{}" then fails validation (400) rather than content negotiation.
                int[] expected = wrong.EndsWith("+json", StringComparison.Ordinal) ? [400, 415] : Unsupported;
                yield return new($"{label}: content type {wrong}", method, url, Utf8("{}"), wrong, ifMatch, Expected: expected);
            }

            yield return new($"{label}: no content type", method, url, Utf8("{}"), null, ifMatch, Expected: Unsupported);
        }
    }

    public static IEnumerable<HostileRequest> Headers(HostileTargets t)
    {
        var commitment = $"/api/v1/commitments/{t.CommitmentId}";
        var stakeholder = $"/api/v1/stakeholders/{t.StakeholderId}";
        string[] garbageTags =
        [
            "garbage", "\"abc\"", "W/\"1\"", "\"1\", \"2\"", "\"99999999999\"", "\"-1\"", "\"\"", "\"1", "1", "\"0x10\"", "\"1e3\"",
            "\"" + new string('9', 10_000) + "\"", "\"1\"; DROP TABLE commitments", Script, "\"4294967296\"",
        ];
        (string Label, HttpMethod Method, string Url, Func<byte[]> Body, string ContentType)[] guarded =
        [
            ("PUT commitment", HttpMethod.Put, commitment, () => Utf8(ValidCommitment().ToJsonString()), Json),
            ("PATCH commitment", HttpMethod.Patch, commitment, () => Utf8("{\"description\": \"patched by a hostile case\"}"), MergePatch),
            ("POST progress", HttpMethod.Post, $"{commitment}/progress", () => Utf8(ValidProgress(t.Today).ToJsonString()), Json),
            ("DELETE commitment", HttpMethod.Delete, commitment + "?reason=hostile", () => [], Json),
            ("PUT stakeholder", HttpMethod.Put, stakeholder, () => Utf8(ValidStakeholder().ToJsonString()), Json),
        ];
        foreach (var (label, method, url, body, contentType) in guarded)
        {
            var content = body();
            byte[]? sent = content.Length == 0 ? null : content;
            foreach (var (tag, i) in garbageTags.Select((g, i) => (g, i)))
            {
                yield return new($"{label}: If-Match garbage {i} ({Shorten(tag)})", method, url, sent, sent is null ? null : contentType, tag, Expected: [412]);
            }

            yield return new($"{label}: If-Match *", method, url, sent, sent is null ? null : contentType, "*", Expected: [428]);
            yield return new($"{label}: If-Match missing", method, url, sent, sent is null ? null : contentType, null, Expected: [428]);
            yield return new($"{label}: If-Match blank", method, url, sent, sent is null ? null : contentType, "   ", Expected: [428]);
        }

        var create = () => Utf8(ValidCommitment().ToJsonString());
        foreach (var (key, name) in new[] { (new string('k', 201), "201 chars"), (new string('k', 10_000), "10000 chars"), ("has space", "a space"), ("ключ", "non-ASCII"), ("a\u007fb", "DEL") })
        {
            yield return new($"POST commitments: Idempotency-Key {name}", HttpMethod.Post, "/api/v1/commitments", create(), Json, Headers: [("Idempotency-Key", key)], Expected: BadRequest);
            yield return new($"POST progress: Idempotency-Key {name}", HttpMethod.Post, $"{commitment}/progress", Utf8(ValidProgress(t.Today).ToJsonString()), Json, CommitmentETag,
                Headers: [("Idempotency-Key", key)], Expected: BadRequest);
            yield return new($"POST stakeholders: Idempotency-Key {name}", HttpMethod.Post, "/api/v1/stakeholders", Utf8(ValidStakeholder().ToJsonString()), Json,
                Headers: [("Idempotency-Key", key)], Expected: BadRequest);
        }

        string?[] authorizations =
        [
            null, "", "Bearer", "Bearer ", "Bearer      ", "Bearer garbage", "Bearer " + new string('a', 10_000), "Bearer ' OR '1'='1", "Bearer {revoked}",
            "Basic dXNlcjpwYXNzd29yZA==", "Token {key}", "{key}", "Bearer {key}x", "Bearer x{key}", "Bearer {key} {key}", "Bearer " + Script,
            "Digest username=\"admin\"",
        ];
        foreach (var (auth, i) in authorizations.Select((a, i) => (a, i)))
        {
            var label = auth is null ? "none" : Shorten(auth);
            yield return new($"POST commitments: Authorization {i} ({label})", HttpMethod.Post, "/api/v1/commitments", create(), Json, Authorization: auth, Expected: [401]);
            yield return new($"PUT stakeholder: Authorization {i} ({label})", HttpMethod.Put, stakeholder, Utf8(ValidStakeholder().ToJsonString()), Json, StakeholderETag,
                Authorization: auth, Expected: [401]);
        }

        yield return new("DELETE stakeholder: Secretariat key is not Administrator", HttpMethod.Delete, stakeholder, IfMatch: StakeholderETag, Expected: [403]);

        string[] accepts = ["text/csv", "application/xml", "text/html", "garbage/;;;", "*/*;q=nonsense", "application/json;q=0", "image/png"];
        foreach (var accept in accepts)
        {
            yield return new($"GET commitments limit=0, Accept {accept}", HttpMethod.Get, "/api/v1/commitments?limit=0", Headers: [("Accept", accept)], Expected: [400, 406]);
            yield return new($"GET unknown commitment, Accept {accept}", HttpMethod.Get, "/api/v1/commitments/2000000000", Headers: [("Accept", accept)], Expected: [404, 406]);
            yield return new($"GET stakeholders group=aliens, Accept {accept}", HttpMethod.Get, "/api/v1/stakeholders?group=aliens", Headers: [("Accept", accept)], Expected: [400, 406]);
            var invalid = ValidCommitment();
            invalid["actionLines"] = new JsonArray("C99");
            yield return new($"POST commitments invalid, Accept {accept}", HttpMethod.Post, "/api/v1/commitments", Utf8(invalid.ToJsonString()), Json, Headers: [("Accept", accept)], Expected: [400, 406]);
        }

        string[] contentTypes =
        [
            "application/json; charset=klingon", "application/json; charset=utf-16", "application/json; charset=utf-32", "application/", "json",
            "*/*", "application/*", "", Script,
        ];
        foreach (var contentType in contentTypes)
        {
            yield return new($"POST commitments: Content-Type '{Shorten(contentType)}'", HttpMethod.Post, "/api/v1/commitments", create(), contentType, Expected: [400, 415]);
            yield return new($"POST progress: Content-Type '{Shorten(contentType)}'", HttpMethod.Post, $"{commitment}/progress", Utf8(ValidProgress(t.Today).ToJsonString()), contentType, CommitmentETag,
                Expected: [400, 415]);
        }
    }

    public static IEnumerable<HostileRequest> Queries()
    {
        var tooLong = new string('q', 201);
        (string Name, string Query)[] filters =
        [
            ("status unknown", "status=done"), ("status undefined number", "status=99"), ("status injection", "status=onTrack'--"),
            ("status invalid UTF-8", "status=%FF%FE"), ("stakeholder group unknown", "stakeholderGroup=aliens"), ("stakeholder group script", "stakeholderGroup=%3Cscript%3E"),
            ("paragraph zero", "paragraph=0"), ("paragraph negative", "paragraph=-5"), ("paragraph 10001", "paragraph=10001"), ("paragraph words", "paragraph=ninety"),
            ("paragraph int overflow", "paragraph=99999999999"), ("paragraph injection", "paragraph=1%20OR%201=1"), ("overdue maybe", "overdue=maybe"),
            ("overdue invalid UTF-8", "overdue=%C3%28"), ("q 201 chars", "q=" + tooLong), ("resolution 33 chars", "resolution=" + new string('r', 33)),
            ("action line 9 chars", "actionLine=C7.123456"), ("stakeholder 101 chars", "stakeholder=" + new string('s', 101)),
            ("q with NUL", "q=a%00b"),
        ];
        foreach (var (name, query) in filters)
        {
            yield return new($"API commitments: {name}", HttpMethod.Get, "/api/v1/commitments?" + query, Expected: BadRequest);
            yield return new($"page commitments: {name}", HttpMethod.Get, "/commitments?" + query, Expected: BadRequest);
            yield return new($"page commitments export: {name}", HttpMethod.Get, "/commitments/export?" + query, Expected: BadRequest);
        }

        (string Name, string Query)[] api =
        [
            ("limit 0", "limit=0"), ("limit -1", "limit=-1"), ("limit 201", "limit=201"), ("limit overflow", "limit=99999999999"), ("limit words", "limit=ten"),
            ("limit fraction", "limit=1.5"), ("limit empty", "limit="), ("limit invalid UTF-8", "limit=%FF"),
            ("sort title", "sort=title"), ("sort -updatedAt", "sort=-updatedAt"), ("sort wrong case", "sort=ID"), ("sort injection", "sort=id;DROP%20TABLE%20commitments"),
            ("sort 17 chars", "sort=" + new string('s', 17)), ("sort invalid UTF-8", "sort=%C3%28"), ("cursor garbage", "cursor=!!!"), ("cursor not base64", "cursor=%25%25%25"),
            ("cursor base64 of garbage", "cursor=" + HostileCursor("garbage")), ("cursor base64 of injection", "cursor=" + HostileCursor("id:1' OR '1'='1")),
            ("cursor with huge id", "cursor=" + HostileCursor("id:99999999999999999999")), ("cursor 1001 chars", "cursor=" + new string('A', 1001)),
            ("cursor invalid UTF-8", "cursor=%FF%FE%FD"), ("updatedSince words", "updatedSince=yesterday"), ("updatedSince 2026-02-30", "updatedSince=2026-02-30T00:00:00Z"),
            ("updatedSince year 0", "updatedSince=0000-01-01T00:00:00Z"), ("updatedSince hour 25", "updatedSince=2026-01-01T25:00:00Z"),
        ];
        foreach (var (name, query) in api)
        {
            yield return new($"API commitments: {name}", HttpMethod.Get, "/api/v1/commitments?" + query, Expected: BadRequest);
        }

        (string Name, string Query)[] page =
        [
            ("page 0", "page=0"), ("page -1", "page=-1"), ("page 100001", "page=100001"), ("page words", "page=two"), ("page overflow", "page=99999999999"),
            ("sort unknown", "sort=Bogus"), ("sort injection", "sort=Id;--"), ("sort undefined number", "sort=99"),
        ];
        foreach (var (name, query) in page)
        {
            yield return new($"page commitments: {name}", HttpMethod.Get, "/commitments?" + query, Expected: BadRequest);
        }

        (string Name, string Url, int[] Expected)[] others =
        [
            ("feed limit 0", "/api/v1/progress-updates?limit=0", BadRequest),
            ("feed limit 201", "/api/v1/progress-updates?limit=201", BadRequest),
            ("feed limit words", "/api/v1/progress-updates?limit=many", BadRequest),
            ("feed since garbage", "/api/v1/progress-updates?since=garbage!", BadRequest),
            ("feed since 201 chars", "/api/v1/progress-updates?since=" + tooLong, BadRequest),
            ("feed since 2026-02-30", "/api/v1/progress-updates?since=2026-02-30T00:00:00Z", BadRequest),
            ("feed since injection", "/api/v1/progress-updates?since=1'%20OR%20'1'='1", BadRequest),
            ("feed since invalid UTF-8", "/api/v1/progress-updates?since=%FF%FE", BadRequest),
            ("stakeholders group unknown", "/api/v1/stakeholders?group=aliens", BadRequest),
            ("stakeholders group number", "/api/v1/stakeholders?group=99", BadRequest),
            ("paragraphs kind unknown", "/api/v1/resolutions/a-res-80-173/paragraphs?kind=secret", BadRequest),
            ("dashboard resolution 33 chars", "/api/v1/dashboard?resolution=" + new string('r', 33), BadRequest),
            ("commitment id overflow", "/api/v1/commitments/2147483648", NotFound),
            ("commitment id negative", "/api/v1/commitments/-1", NotFound),
            ("commitment id invalid UTF-8", "/api/v1/commitments/%FF", NotFound),
            ("commitment progress unknown id", "/api/v1/commitments/2000000000/progress", NotFound),
            ("stakeholder id zero", "/api/v1/stakeholders/0", NotFound),
            ("stakeholder id invalid UTF-8", "/api/v1/stakeholders/%C3%28", NotFound),
            ("resolution invalid UTF-8", "/api/v1/resolutions/%C3%28", NotFound),
            ("resolution injection", "/api/v1/resolutions/'%20OR%20'1'='1", NotFound),
            ("resolution 5000 chars", "/api/v1/resolutions/" + new string('r', 5000), NotFound),
            ("resolution encoded surrogate", "/api/v1/resolutions/%ED%A0%80", NotFound),
            ("paragraph unknown number", "/api/v1/resolutions/a-res-80-173/paragraphs/99999", NotFound),
            ("action line invalid UTF-8", "/api/v1/action-lines/%FF%FE", NotFound),
            ("action line injection", "/api/v1/action-lines/C1'--", NotFound),
            ("unknown API path", "/api/v1/" + Uri.EscapeDataString(Script), NotFound),
            ("page commitment id overflow", "/commitments/2147483648", NotFound),
            ("page commitment invalid UTF-8", "/commitments/%FF", NotFound),
            ("page commitment unknown", "/commitments/2000000000", NotFound),
            ("page commitment feed unknown", "/commitments/2000000000/feed", NotFound),
            ("page resolution invalid UTF-8", "/resolutions/%C0%AF", NotFound),
            ("page resolution injection", "/resolutions/'%20OR%201=1--", NotFound),
            ("page action line invalid UTF-8", "/action-lines/%FF", NotFound),
            ("page action line feed encoded surrogate", "/action-lines/%ED%A0%80/feed", NotFound),
            ("page action line feed script", "/action-lines/" + Uri.EscapeDataString(Script) + "/feed", NotFound),
            ("page stakeholder unknown", "/stakeholders/2000000000", NotFound),
        ];
        foreach (var (name, url, expected) in others)
        {
            yield return new(name, HttpMethod.Get, url, Expected: expected);
        }
    }

    /// <summary>Reads whose hostile text is a legitimate query: they answer 200, change nothing and echo the text only as text.</summary>
    /// <summary>
    /// Page numbers of the staff lists (workspace, audit log) whose <c>(page - 1) * size</c> would overflow into a
    /// negative OFFSET, or that lie past the bound every list shares; each must answer 400, as the public list does.
    /// </summary>
    public static IEnumerable<(string Name, string Url)> StaffListPages()
    {
        string[] pages = ["2147483647", "42949673", "100001"];
        foreach (var page in pages)
        {
            yield return ($"workspace page {page}", "/workspace?page=" + page);
            yield return ($"audit page {page}", "/admin/audit?page=" + page);
        }
    }

    /// <summary>Sign-in posts that reach the sign-in endpoint through another spelling of its path.</summary>
    public static IEnumerable<string> SignInPathSpellings() => ["/account/login/", "/ACCOUNT/LOGIN", "/Account/Login/"];

    public static IEnumerable<(string Name, string Url, string Payload)> InertQueries()
    {
        string[] payloads = [.. Injections, "\"unbalanced", "a & b | !c <-> d:*", "\\", "()", "-", "or or or", "\u00e9t\u00e9 \u2603 \U0001F600", "\uFFFD"];
        foreach (var (payload, i) in payloads.Select((p, i) => (p, i)))
        {
            var q = Uri.EscapeDataString(payload);
            yield return ($"search {i}", $"/search?q={q}", payload);
            yield return ($"commitments page q {i}", $"/commitments?q={q}", payload);
            yield return ($"API commitments q {i}", $"/api/v1/commitments?q={q}&limit=1", payload);
        }

        yield return ("search 10000 chars", "/search?q=" + new string('w', 10_000), new string('w', 200));
        yield return ("search emoji at the cut", "/search?q=" + new string('w', 199) + Uri.EscapeDataString("\U0001F600"), new string('w', 199));
        yield return ("search flag at the cut", "/search?q=" + new string('w', 197) + Uri.EscapeDataString("\U0001F1FA\U0001F1F3"), new string('w', 197));
        yield return ("search with U+FFFF", "/search?q=alpha" + Uri.EscapeDataString("\uFFFF") + "omega", "alpha omega");
        yield return ("search invalid UTF-8", "/search?q=%FF%FE%C3%28", "%FF%FE");

        // The search box reads a control character as a space (decision 034).
        yield return ("search with NUL", "/search?q=alpha%00omega", "alpha omega");
    }

    private static string HostileCursor(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonArray Paragraph(string resolution, int number) => new(new JsonObject { ["resolution"] = resolution, ["number"] = number });

    private static JsonObject Without(JsonObject body, string member)
    {
        body.Remove(member);
        return body;
    }

    /// <summary>The body with one string member set to raw JSON string text (escapes such as a lone <c>\ud800</c> kept as sent).</summary>
    private static byte[] WithMember(JsonObject body, string member, string rawJsonText)
    {
        body[member] = "__raw__";
        return Utf8(body.ToJsonString().Replace("\"__raw__\"", $"\"{rawJsonText}\"", StringComparison.Ordinal));
    }

    private static string Shorten(string text) => text.Length > 24 ? text[..24] + "…" : text;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
