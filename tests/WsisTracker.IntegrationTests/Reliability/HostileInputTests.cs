using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Npgsql;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ApiKeys;
using WsisTracker.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static WsisTracker.IntegrationTests.Reliability.HostileCases;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>
/// Hostile input on every surface (staff forms, API bodies, query strings and paths, headers): every case is built to
/// be rejected, and each must answer a 4xx of its kind (never a 5xx, never a success) and leave the writable tables
/// exactly as they were. Stored script payloads are shown as text on the public page and in the Atom feed.
/// Each surface loops over its cases and reports every failing case in one message.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HostileInputTests(WsisTrackerFactory app, ITestOutputHelper output)
{
    /// <summary>The tables a write can touch; api_keys (last use), staff_* (sign-in) and data_protection_keys are left out.</summary>
    private static readonly string[] WritableTables =
    [
        "commitments", "commitment_paragraphs", "commitment_action_lines", "commitment_stakeholders", "commitment_lineage", "milestones",
        "progress_updates", "stakeholders", "audit_entries", "idempotency_records", "resolutions", "paragraphs", "action_lines",
        "progress_reports", "progress_report_revisions", "progress_report_events", "reporting_cycles", "outbox_messages",
    ];

    private static readonly string FingerprintSql = string.Join(" UNION ALL ", WritableTables.Select(t =>
        $"SELECT '{t}:' || count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM {t}"));

    private static readonly HtmlParser Html = new();

    [Fact]
    public async Task ApiBodies_AreRejectedWith4xx_AndChangeNothing()
    {
        await using var run = await HostileRun.StartAsync(app);
        await run.SendAllAsync(ApiBodies(run.Targets));
        run.Report(output, "API bodies");
    }

    [Fact]
    public async Task ReportAndCycleWrites_AreRejectedWith4xx_AndChangeNothing()
    {
        await using var run = await HostileRun.StartAsync(app);
        var targets = await run.AddReportTargetsAsync();
        await run.SendAllAsync(ReportAndCycleWrites(targets));
        run.Report(output, "report and cycle writes");
    }

    [Fact]
    public async Task Headers_AreRejectedWith4xx_AndChangeNothing()
    {
        await using var run = await HostileRun.StartAsync(app);
        await run.SendAllAsync(Headers(run.Targets));
        run.Report(output, "headers");
    }

    [Fact]
    public async Task QueryStringsAndPaths_AreRejectedWith4xx_AndChangeNothing()
    {
        await using var run = await HostileRun.StartAsync(app);
        var cursor = await NextCursorAsync("/api/v1/commitments?limit=1&sort=id");
        var cases = Queries().Concat(
        [
            new HostileRequest("API commitments: cursor of another sort order", HttpMethod.Get, $"/api/v1/commitments?limit=1&sort=code&cursor={Uri.EscapeDataString(cursor)}", Expected: [400]),
            new HostileRequest("API commitments: cursor of another sort order, descending", HttpMethod.Get, $"/api/v1/commitments?limit=1&sort=-createdAt&cursor={Uri.EscapeDataString(cursor)}", Expected: [400]),
        ]);
        await run.SendAllAsync(cases);
        run.Report(output, "query strings and paths");
    }

    [Fact]
    public async Task StaffLists_WithAPageWhoseOffsetWouldOverflow_Answer400_NotA500()
    {
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var wrong = new List<string>();
        foreach (var (name, url) in StaffListPages())
        {
            using var response = await admin.Http.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                wrong.Add($"{name}: {(int)response.StatusCode}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public async Task HostileTextInALegitimateQuery_Answers200_ChangesNothing_AndIsEchoedOnlyAsText()
    {
        await using var run = await HostileRun.StartAsync(app);
        var failures = new List<string>();
        var tried = 0;
        foreach (var (name, url, payload) in InertQueries())
        {
            tried++;
            var before = await run.FingerprintAsync();
            using var response = await run.Client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{name}: answered {(int)response.StatusCode}, expected 200");
                continue;
            }

            if (await run.FingerprintAsync() != before)
            {
                failures.Add($"{name}: a read changed the database");
            }

            if (response.Content.Headers.ContentType?.MediaType == "text/html" && InjectedMarkup(await Html.ParseDocumentAsync(body)) is { } injected)
            {
                failures.Add($"{name}: the page holds injected markup {injected}");
            }

            if (url.StartsWith("/search", StringComparison.Ordinal))
            {
                var field = (await Html.ParseDocumentAsync(body)).QuerySelector("input[name='q']")?.GetAttribute("value") ?? "";
                if (!field.Contains(payload, StringComparison.Ordinal))
                {
                    failures.Add($"{name}: the search field holds '{field}', not the text searched for");
                }
            }
        }

        ReliabilityFigures.Report(output, "hostile input, inert queries", ("cases", tried), ("failures", failures.Count));
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} inert queries failed:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task StaffForms_RejectHostileValues_WithTheFormAndAMessage_AndChangeNothing()
    {
        await using var run = await HostileRun.StartAsync(app);
        var commitment = await app.CreateCommitmentAsync();
        var stakeholder = await app.CreateStakeholderAsync();
        using var staff = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var today = run.Targets.Today;
        var progressUrl = $"/workspace/commitments/{commitment.Id}/progress";
        var editUrl = $"/workspace/commitments/{commitment.Id}/edit";
        var withdrawUrl = $"/workspace/commitments/{commitment.Id}/withdraw";
        var stakeholderUrl = $"/workspace/stakeholders/{stakeholder.Id}/edit";
        var forms = new Dictionary<string, (string Page, string Action, string? Submit, Dictionary<string, object?> Valid)>
        {
            ["progress"] = ($"/workspace/commitments/{commitment.Id}", progressUrl, null, new() { ["Status"] = "OnTrack", ["ProgressPercent"] = "10", ["AsOf"] = today }),
            ["new commitment"] = ("/workspace/commitments/new", "/workspace/commitments/new", "Intent=save", new()
            {
                ["Title"] = $"hostile form {Guid.NewGuid():N}",
                ["Description"] = "From a hostile form case.",
                ["Paragraphs"] = new[] { "a-res-80-173:12" },
                ["ActionLines"] = new[] { "C2" },
                ["LeadStakeholders"] = new[] { "itu" },
            }),
            ["edit commitment"] = (editUrl, editUrl, "Intent=save", new()),
            ["withdraw"] = (withdrawUrl, withdrawUrl, null, new() { ["Reason"] = "A valid reason." }),
            ["new stakeholder"] = ("/workspace/stakeholders/new", "/workspace/stakeholders/new", null, new() { ["Name"] = $"Hostile {Guid.NewGuid():N}", ["Group"] = "CivilSociety" }),
            ["edit stakeholder"] = (stakeholderUrl, stakeholderUrl, null, new()),
        };
        var pages = new Dictionary<string, AngleSharp.Html.Dom.IHtmlDocument>();
        foreach (var (form, (page, _, _, _)) in forms)
        {
            pages[form] = await staff.GetPageAsync(page);
        }

        var failures = new List<string>();
        var tried = 0;
        foreach (var (form, field, value, name) in FormCases(today))
        {
            tried++;
            var (_, action, submit, valid) = forms[form];
            var values = new Dictionary<string, object?>(valid) { [field] = value };
            var before = await run.FingerprintAsync();
            using var response = await staff.SubmitAsync(pages[form], action, values, submit);
            var status = (int)response.StatusCode;
            var label = $"{form}: {name}";
            if (status >= 500)
            {
                run.ServerErrors++;
                failures.Add($"{label}: answered {status}");
            }
            else if (status is >= 200 and < 300)
            {
                var document = await PageClient.ParseAsync(response);
                var messages = document.QuerySelectorAll(".field-error, .form-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
                if (messages.Count == 0)
                {
                    failures.Add($"{label}: answered {status} without an error message");
                }

                if (InjectedMarkup(document) is { } injected)
                {
                    failures.Add($"{label}: the form holds injected markup {injected}");
                }
            }
            else if (status is < 400 or >= 500)
            {
                failures.Add($"{label}: answered {status} ({response.Headers.Location}), expected the form with an error or a 4xx");
            }

            if (await run.FingerprintAsync() != before)
            {
                failures.Add($"{label}: changed the database");
                pages[form] = await staff.GetPageAsync(forms[form].Page);
            }
        }

        ReliabilityFigures.Report(output, "hostile input, forms", ("cases", tried), ("server_errors", run.ServerErrors), ("rejected_unchanged", tried - failures.Count));
        Assert.True(tried >= 60, $"only {tried} form cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} form cases failed:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task StoredScriptPayloads_AreShownAsText_OnThePublicPageAndInTheFeed()
    {
        var title = $"{Script} {AttributeBreak} {Guid.NewGuid():N}";
        var note = $"Note {Script} and {AttributeBreak} & 'quotes'";
        using var writer = await app.CreateWriterAsync();
        var body = ValidCommitment();
        body["title"] = title;
        body["description"] = $"Description {AttributeBreak}";
        using var created = await writer.PostAsync("/api/v1/commitments", new StringContent(body.ToJsonString(), Encoding.UTF8, Json));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var progress = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/commitments/{id}/progress")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { status = "atRisk", progressPercent = 5, asOf = DateTime.UtcNow.ToString("yyyy-MM-dd"), note }), Encoding.UTF8, Json),
        };
        progress.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        using var recorded = await writer.SendAsync(progress);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        var page = await app.GetPageAsync($"/commitments/{id}");
        Assert.Null(InjectedMarkup(page));
        Assert.Empty(page.QuerySelectorAll("img[src='x']"));
        Assert.Contains(title.Trim(), page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("*"), e => e.ChildNodes.OfType<IText>().Any(t => t.Data.Contains(note, StringComparison.Ordinal)));

        using var client = app.CreateClient();
        using var feedResponse = await client.GetAsync($"/commitments/{id}/feed");
        Assert.Equal(HttpStatusCode.OK, feedResponse.StatusCode);
        var feed = XDocument.Parse(await feedResponse.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.DoesNotContain(feed.Descendants(), e => e.Name.LocalName is "script" or "img" || e.Attributes().Any(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        var entry = Assert.Single(feed.Root!.Elements(atom + "entry"));
        Assert.StartsWith(title.Trim(), entry.Element(atom + "title")!.Value, StringComparison.Ordinal);
        var summary = entry.Element(atom + "summary")!;
        Assert.Equal("text", summary.Attribute("type")!.Value);
        Assert.Contains(note, summary.Value, StringComparison.Ordinal);
        Assert.Contains(title.Trim(), feed.Root!.Element(atom + "title")!.Value, StringComparison.Ordinal);
    }

    /// <summary>
    /// The confirmed race of issue 13: eight parallel creates of one stakeholder name, each with its own
    /// <c>Idempotency-Key</c>, then each retried with its key. None may answer 5xx, each retry must replay its own
    /// first answer (status, body, headers), and exactly eight stakeholders exist.
    /// </summary>
    [Fact]
    public async Task ParallelCreatesOfOneName_WithIdempotencyKeys_NeverAnswer5xx_AndEachRetryReplaysItsOwnAnswer()
    {
        using var writer = await app.CreateWriterAsync();
        var name = $"Hostile race {Guid.NewGuid():N}"[..28];
        var body = ValidStakeholder();
        body["name"] = name;
        var keys = Enumerable.Range(0, 8).Select(i => $"hostile-race-{i}-{Guid.NewGuid():N}").ToList();

        async Task<(int Status, string Body, string? Location, string? Replayed)> PostAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stakeholders") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, Json) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            using var response = await writer.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString(),
                response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) ? replayed.Single() : null);
        }

        var firsts = await Task.WhenAll(keys.Select(PostAsync));
        var retries = await Task.WhenAll(keys.Select(PostAsync));

        var failures = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (firsts[i].Status != 201 || retries[i].Status != 201)
            {
                failures.Add($"key {i}: answered {firsts[i].Status}, its retry {retries[i].Status}");
            }
            else if (retries[i].Body != firsts[i].Body || retries[i].Location != firsts[i].Location || retries[i].Replayed != "true")
            {
                failures.Add($"key {i}: the retry did not replay the first answer");
            }
        }

        var stored = await app.WithDbAsync(db => Task.FromResult(db.Stakeholders.Count(s => s.Name == name)));
        ReliabilityFigures.Report(output, "hostile input, parallel keyed creates", ("cases", keys.Count * 2), ("server_errors", firsts.Concat(retries).Count(r => r.Status >= 500)), ("stored", stored));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(keys.Count, stored);
    }

    /// <summary>Form fields with values each form must refuse (the other fields stay valid).</summary>
    private static IEnumerable<(string Form, string Field, object? Value, string Name)> FormCases(string today)
    {
        var tomorrow = DateOnly.ParseExact(today, "yyyy-MM-dd").AddDays(1).ToString("yyyy-MM-dd");
        (string, object?, string)[] progress =
        [
            ("ProgressPercent", "-1", "progress -1"), ("ProgressPercent", "101", "progress 101"), ("ProgressPercent", "99999999999", "progress overflow"),
            ("ProgressPercent", "lots", "progress words"), ("ProgressPercent", "50.5", "progress fraction"), ("ProgressPercent", Script, "progress script"),
            ("Status", "Bogus", "status unknown"), ("Status", "99", "status undefined number"), ("Status", "", "status empty"), ("Status", AttributeBreak, "status attribute break"),
            ("Status", "OnTrack' OR '1'='1", "status injection"), ("AsOf", "2026-02-30", "as-of 2026-02-30"), ("AsOf", "0000-01-01", "as-of year 0"),
            ("AsOf", "9999-12-31", "as-of far future"), ("AsOf", tomorrow, "as-of tomorrow"), ("AsOf", "yesterday", "as-of words"), ("AsOf", "", "as-of empty"),
            ("Note", new string('n', 4001), "note 4001 chars"), ("Note", "a\u0000b", "note with NUL"), ("Note", "a\uFFFFb", "note with U+FFFF"), ("Note", "a\u0001b", "note with U+0001"), ("EvidenceLinks", "javascript:alert(1)", "evidence javascript"),
            ("EvidenceLinks", string.Join("\n", Enumerable.Range(1, 11).Select(i => $"https://example.org/{i}")), "evidence 11 links"),
            ("EvidenceLinks", "not a link", "evidence not a link"), ("Version", "12", "stale version"),
        ];
        foreach (var (field, value, name) in progress)
        {
            yield return ("progress", field, value, name);
        }

        (string, object?, string)[] commitment =
        [
            ("Title", "", "title empty"), ("Title", new string('t', 201), "title 201 chars"), ("Title", "a\u0000b", "title with NUL"),
            ("Title", "x\u0001y", "title with U+0001"), ("Title", "x\uFFFEy", "title with U+FFFE"), ("Description", "x\uFFFFy", "description with U+FFFF"),
            ("Description", "", "description empty"), ("Description", new string('d', 4001), "description 4001 chars"),
            ("Paragraphs", new[] { "a-res-70-125:999" }, "paragraph unknown"), ("Paragraphs", new[] { "garbage" }, "paragraph garbage"),
            ("Paragraphs", new[] { Script }, "paragraph script"), ("Paragraphs", Array.Empty<string>(), "no paragraph"),
            ("ActionLines", new[] { "C99" }, "action line unknown"), ("ActionLines", new[] { "C1'; DROP TABLE commitments; --" }, "action line injection"),
            ("ActionLines", Array.Empty<string>(), "no action line"), ("LeadStakeholders", new[] { "nobody-at-all" }, "lead unknown"),
            ("LeadStakeholders", new[] { AttributeBreak }, "lead attribute break"), ("PartnerStakeholders", new[] { "nobody-at-all" }, "partner unknown"),
            ("TargetDate", "2026-02-30", "target date 2026-02-30"), ("TargetDate", "0000-01-01", "target date year 0"), ("TargetDate", "9999-12-31", "target date 9999"),
            ("TargetDate", "1999-01-01", "target date 1999"), ("TargetDate", "soon", "target date words"), ("TargetDateText", new string('w', 201), "target date text 201 chars"),
            ("ReportingCadence", "Hourly", "cadence unknown"), ("ReportingCadence", "99", "cadence undefined number"),
            ("Milestones[0].CompletedDate", "2099-01-01", "milestone completed in the future"), ("Milestones[0].DueDate", "2026-02-30", "milestone due 2026-02-30"),
            ("Milestones[0].Title", new string('m', 201), "milestone title 201 chars"),
        ];
        foreach (var (field, value, name) in commitment)
        {
            yield return ("new commitment", field, value, name);
            yield return ("edit commitment", field, value, name);
        }

        yield return ("edit commitment", "Version", "12", "stale version");
        yield return ("withdraw", "Reason", "", "reason empty");
        yield return ("withdraw", "Reason", "   ", "reason blank");
        yield return ("withdraw", "Reason", new string('r', 4001), "reason 4001 chars");
        yield return ("withdraw", "Reason", "a\uFFFFb", "reason with U+FFFF");
        yield return ("withdraw", "Version", "12", "stale version");

        (string, object?, string)[] stakeholder =
        [
            ("Name", "", "name empty"), ("Name", new string('n', 201), "name 201 chars"), ("Name", "a\u0000b", "name with NUL"), ("Name", "a\uFFFFb", "name with U+FFFF"), ("Acronym", new string('A', 33), "acronym 33 chars"),
            ("Group", "Aliens", "group unknown"), ("Group", "99", "group undefined number"), ("Group", "", "group empty"), ("CountryCode", "KE", "country code 2 letters"),
            ("CountryCode", "K'-", "country code injection"), ("Website", "javascript:alert(1)", "website javascript"), ("Website", "ftp://example.org", "website ftp"),
        ];
        foreach (var (field, value, name) in stakeholder)
        {
            yield return ("new stakeholder", field, value, name);
            yield return ("edit stakeholder", field, value, name);
        }

        yield return ("edit stakeholder", "Version", "12", "stale version");
    }

    /// <summary>Describes an element a payload could have injected: a script that alerts, an image from 'x', an on* handler.</summary>
    private static string? InjectedMarkup(IDocument document)
    {
        if (document.QuerySelectorAll("script").FirstOrDefault(s => s.TextContent.Contains("alert", StringComparison.Ordinal)) is { } script)
        {
            return script.OuterHtml;
        }

        return document.QuerySelectorAll("*").FirstOrDefault(e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) || (e.LocalName == "img" && e.GetAttribute("src") == "x"))?.OuterHtml;
    }

    private async Task<string> NextCursorAsync(string url)
    {
        var page = await app.GetJsonAsync<JsonElement>(url);
        var next = page.GetProperty("next").GetString()!;
        return Uri.UnescapeDataString(next[(next.IndexOf("cursor=", StringComparison.Ordinal) + "cursor=".Length)..].Split('&')[0]);
    }

    /// <summary>One run of cases against a fresh commitment and stakeholder, with a connection for the fingerprints.</summary>
    private sealed class HostileRun : IAsyncDisposable
    {
        private readonly WsisTrackerFactory _app;
        private readonly NpgsqlConnection _db;
        private readonly Dictionary<string, string> _tokens = [];
        private readonly List<string> _failures = [];

        private HostileRun(WsisTrackerFactory app, NpgsqlConnection db, HttpClient client, HostileTargets targets)
        {
            _app = app;
            _db = db;
            Client = client;
            Targets = targets;
        }

        public HttpClient Client { get; }

        public HostileTargets Targets { get; }

        public int Tried { get; private set; }

        public int ServerErrors { get; set; }

        public int RejectedAndUnchanged { get; private set; }

        public static async Task<HostileRun> StartAsync(WsisTrackerFactory app)
        {
            var key = await app.CreateApiKeyAsync(ApiKeyRole.Secretariat);
            using var writer = app.CreateClientWithKey(key);
            var (commitmentId, _) = await app.SeedCommitmentAsync(writer, "hostile target");
            using var stakeholder = await writer.PostAsync("/api/v1/stakeholders", new StringContent(ValidStakeholder().ToJsonString(), Encoding.UTF8, Json));
            Assert.Equal(HttpStatusCode.Created, stakeholder.StatusCode);
            var stakeholderId = (await stakeholder.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var db = new NpgsqlConnection(app.ConnectionString);
            await db.OpenAsync();
            var run = new HostileRun(app, db, app.CreateClient(), new HostileTargets(commitmentId, stakeholderId, DateTime.UtcNow.ToString("yyyy-MM-dd")));
            run._tokens[ValidKey] = key;
            run._tokens["{revoked}"] = await app.CreateRevokedApiKeyAsync();
            await run.RefreshETagsAsync();
            return run;
        }

        private ReportTargets? _reports;

        /// <summary>Arranges a stakeholder with a Contributor key, a draft and a submitted report and an open cycle; the cases name them by token.</summary>
        public async Task<ReportTargets> AddReportTargetsAsync()
        {
            var (slug, draftCommitment) = await _app.CreateLedCommitmentAsync();
            var submittedCommitment = await _app.CreateCommitmentAsync($"Hostile submitted {Guid.NewGuid():N}", "Arranged by the hostile run.", new Core.Commitments.ParagraphKey("a-res-70-125", 63), "C5", slug);
            var freeCommitment = await _app.CreateCommitmentAsync($"Hostile free {Guid.NewGuid():N}", "Arranged by the hostile run.", new Core.Commitments.ParagraphKey("a-res-70-125", 63), "C5", slug);
            var contributor = await _app.CreateContributorAsync(slug);
            var draft = await _app.DraftReportAsync(contributor, draftCommitment, WsisTrackerFactory.OnTrack(10));
            var submitted = await _app.SubmittedReportAsync(contributor, submittedCommitment, WsisTrackerFactory.OnTrack(10));
            using var writer = _app.CreateClientWithKey(_tokens[ValidKey]);
            using var opened = await writer.PostAsJsonAsync("/api/v1/reporting-cycles", new { name = $"Hostile cycle {Guid.NewGuid():N}", opensOn = Targets.Today, dueOn = Targets.Today, stakeholder = slug });
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
            var cycle = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            _tokens["{contributor-key}"] = await _app.CreateContributorKeyAsync(slug);
            _reports = new ReportTargets(draft.Id, submitted.Id, freeCommitment, draftCommitment, cycle, Targets.Today);
            await RefreshETagsAsync();
            return _reports;
        }

        public async Task<string> FingerprintAsync()
        {
            await using var command = new NpgsqlCommand(FingerprintSql, _db);
            var parts = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                parts.Add(reader.GetString(0));
            }

            return string.Join(",", parts);
        }

        public async Task SendAllAsync(IEnumerable<HostileRequest> cases)
        {
            var before = await FingerprintAsync();
            foreach (var hostile in cases)
            {
                Tried++;
                int status;
                string body;
                try
                {
                    using var request = Build(hostile);
                    using var response = await Client.SendAsync(request);
                    status = (int)response.StatusCode;
                    body = await response.Content.ReadAsStringAsync();
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or FormatException)
                {
                    _failures.Add($"{hostile.Name}: could not be sent ({e.GetType().Name}: {e.Message})");
                    continue;
                }

                var after = await FingerprintAsync();
                var ok = true;
                if (status >= 500)
                {
                    ServerErrors++;
                    ok = false;
                    _failures.Add($"{hostile.Name}: answered {status} {Excerpt(body)}");
                }
                else if (status is < 400 || (hostile.Expected is { } expected && !expected.Contains(status)))
                {
                    ok = false;
                    _failures.Add($"{hostile.Name}: answered {status}, expected {string.Join(" or ", hostile.Expected ?? [])} {Excerpt(body)}");
                }

                if (after != before)
                {
                    ok = false;
                    _failures.Add($"{hostile.Name}: changed the database");
                    await RefreshETagsAsync();
                    before = after;
                }

                if (ok)
                {
                    RejectedAndUnchanged++;
                }
            }
        }

        public void Report(ITestOutputHelper output, string surface)
        {
            ReliabilityFigures.Report(output, $"hostile input, {surface}", ("cases", Tried), ("server_errors", ServerErrors), ("rejected_unchanged", RejectedAndUnchanged));
            Assert.True(Tried >= 50, $"only {Tried} cases for {surface}");
            Assert.True(_failures.Count == 0, $"{_failures.Count} of {Tried} {surface} cases failed:\n" + string.Join("\n", _failures));
        }

        private HttpRequestMessage Build(HostileRequest hostile)
        {
            var request = new HttpRequestMessage(hostile.Method, hostile.Url);
            if (hostile.Body is { } bytes)
            {
                var chunked = hostile.Headers?.Any(h => h.Name == "X-Test-Chunked") == true;
                request.Content = chunked ? new NoLengthContent(bytes) : new ByteArrayContent(bytes);
                if (hostile.ContentType is { } contentType)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                }
            }

            if (hostile.IfMatch is { } ifMatch)
            {
                request.Headers.TryAddWithoutValidation("If-Match", Replace(ifMatch));
            }

            if (hostile.Authorization is { } authorization)
            {
                request.Headers.TryAddWithoutValidation("Authorization", Replace(authorization));
            }

            foreach (var (name, value) in hostile.Headers ?? [])
            {
                if (name == "Accept")
                {
                    request.Headers.Accept.Clear();
                }

                if (name != "X-Test-Chunked")
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }
            }

            return request;
        }

        private string Replace(string value) => _tokens.Aggregate(value, (text, token) => text.Replace(token.Key, token.Value, StringComparison.Ordinal));

        private async Task RefreshETagsAsync()
        {
            _tokens[CommitmentETag] = await _app.ETagOfAsync($"/api/v1/commitments/{Targets.CommitmentId}");
            _tokens[StakeholderETag] = await _app.ETagOfAsync($"/api/v1/stakeholders/{Targets.StakeholderId}");
            if (_reports is { } r)
            {
                _tokens[DraftETag] = await VersionTagAsync("progress_reports", r.DraftId);
                _tokens[SubmittedETag] = await VersionTagAsync("progress_reports", r.SubmittedId);
                _tokens[CycleETag] = await VersionTagAsync("reporting_cycles", r.CycleId);
            }
        }

        /// <summary>A row's version as the API's ETag gives it (its <c>xmin</c>, quoted).</summary>
        private async Task<string> VersionTagAsync(string table, int id)
        {
            await using var command = new NpgsqlCommand($"SELECT xmin::text FROM {table} WHERE id = @id", _db);
            command.Parameters.AddWithValue("id", id);
            return $"\"{await command.ExecuteScalarAsync()}\"";
        }

        private static string Excerpt(string body) => body.Length > 300 ? body[..300] + "…" : body;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _db.DisposeAsync();
        }
    }

    /// <summary>Content that does not tell its length, so the client sends no Content-Length.</summary>
    private sealed class NoLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
