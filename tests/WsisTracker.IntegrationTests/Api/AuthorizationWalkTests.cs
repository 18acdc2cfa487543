using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Countries;
using WsisTracker.Core.Reporting;
using WsisTracker.Core.Reports;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>
/// The authorisation matrix over the routes the app really has (its <see cref="EndpointDataSource"/>, so an endpoint
/// added later is walked without being listed): every API operation for every principal, against real targets with
/// valid bodies and the right <c>If-Match</c>, so that only authorisation stands between a caller and a 2xx; and every
/// staff page (GET) under <c>/workspace</c>, <c>/admin</c> and <c>/contribute</c> for every staff role. A 2xx for a
/// principal the matrix does not allow fails; so does an operation the matrix does not classify (decision 082).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AuthorizationWalkTests(WsisTrackerFactory app)
{
    public enum Principal
    {
        Anonymous,
        RevokedKey,
        SecretariatKey,
        AdministratorKey,

        /// <summary>A Contributor key of the stakeholder that leads the targets.</summary>
        ContributorKey,

        /// <summary>A Contributor key of another stakeholder.</summary>
        OtherContributorKey,

        /// <summary>A signed-in Administrator's session cookie: the API's writes take keys only (decision 030).</summary>
        StaffCookie,
    }

    private static readonly Principal[] Everyone = Enum.GetValues<Principal>();
    private static readonly Principal[] Writers = [Principal.SecretariatKey, Principal.AdministratorKey];

    /// <summary>Who may get a 2xx from each API operation; an operation not listed here fails the walk.</summary>
    private static readonly Dictionary<string, Principal[]> Allowed = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/resolutions"] = Everyone,
        ["GET /api/v1/resolutions/{slug}"] = Everyone,
        ["GET /api/v1/resolutions/{slug}/paragraphs"] = Everyone,
        ["GET /api/v1/resolutions/{slug}/paragraphs/{number}"] = Everyone,
        ["GET /api/v1/action-lines"] = Everyone,
        ["GET /api/v1/action-lines/{code}"] = Everyone,
        ["GET /api/v1/stakeholders"] = Everyone,
        ["GET /api/v1/stakeholders/{id}"] = Everyone,
        ["POST /api/v1/stakeholders"] = Writers,
        ["PUT /api/v1/stakeholders/{id}"] = Writers,
        ["DELETE /api/v1/stakeholders/{id}"] = [Principal.AdministratorKey],
        ["GET /api/v1/countries"] = Everyone,
        ["GET /api/v1/countries/{iso3}"] = Everyone,
        ["POST /api/v1/countries/{iso3}/groupings"] = Writers,
        ["POST /api/v1/countries/{iso3}/groupings/{id}/end"] = Writers,
        ["DELETE /api/v1/countries/{iso3}/groupings/{id}"] = Writers,
        ["GET /api/v1/indicators"] = Everyone,
        ["GET /api/v1/indicators/{code}/values"] = Everyone,
        ["GET /api/v1/indicators/{code}/aggregates"] = Everyone,
        ["GET /api/v1/commitments"] = Everyone,
        ["GET /api/v1/commitments/{id}"] = Everyone,
        ["POST /api/v1/commitments"] = [.. Writers, Principal.ContributorKey],
        ["PUT /api/v1/commitments/{id}"] = Writers,
        ["PATCH /api/v1/commitments/{id}"] = Writers,
        ["DELETE /api/v1/commitments/{id}"] = Writers,
        ["POST /api/v1/commitments/{id}/publish"] = Writers,
        ["GET /api/v1/commitments/{id}/progress"] = Everyone,
        ["POST /api/v1/commitments/{id}/progress"] = Writers,
        ["POST /api/v1/commitments/{id}/reports"] = [Principal.ContributorKey],
        ["GET /api/v1/reports"] = [.. Writers, Principal.ContributorKey, Principal.OtherContributorKey],
        ["GET /api/v1/reports/{id}"] = [.. Writers, Principal.ContributorKey],
        ["PUT /api/v1/reports/{id}"] = [Principal.ContributorKey],
        ["POST /api/v1/reports/{id}/submit"] = [Principal.ContributorKey],
        ["POST /api/v1/reports/{id}/approve"] = Writers,
        ["POST /api/v1/reports/{id}/return"] = Writers,
        ["POST /api/v1/reports/{id}/reject"] = Writers,
        ["GET /api/v1/reporting-cycles"] = Everyone,
        ["GET /api/v1/reporting-cycles/{id}"] = Everyone,
        ["POST /api/v1/reporting-cycles"] = Writers,
        ["POST /api/v1/reporting-cycles/{id}/close"] = Writers,
        ["GET /api/v1/progress-updates"] = Everyone,
        ["GET /api/v1/dashboard"] = Everyone,
    };

    /// <summary>The order writes run in within one principal's walk: the destructive ones last.</summary>
    private static int Rank(string operation) => operation switch
    {
        _ when operation.StartsWith("GET ", StringComparison.Ordinal) => 0,
        _ when operation.StartsWith("DELETE ", StringComparison.Ordinal) => 3,
        _ when operation.EndsWith("/publish", StringComparison.Ordinal) || operation.EndsWith("/submit", StringComparison.Ordinal) => 2,
        _ => 1,
    };

    /// <summary>Every API operation the router knows, as "METHOD /template" with the route constraints left out.</summary>
    private List<string> ApiOperations() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {Template(e.RoutePattern.RawText!)}"))
            .Distinct().OrderBy(Rank).ThenBy(o => o, StringComparer.Ordinal).ToList();

    private static string Template(string raw) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(raw.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");

    [Fact]
    public async Task EveryApiOperation_ForEveryPrincipal_GivesNoUnexpected2xx()
    {
        var operations = ApiOperations();
        var unclassified = operations.Where(o => !Allowed.ContainsKey(o)).ToList();
        Assert.True(unclassified.Count == 0, "Operations the matrix does not classify: " + string.Join(", ", unclassified));

        var failures = new List<string>();
        using var reader = app.CreateClientWithKey(await app.CreateApiKeyAsync(ApiKeyRole.Administrator));
        foreach (var principal in Everyone)
        {
            var targets = await ArrangeAsync();
            using var client = await ClientForAsync(principal, targets);
            foreach (var operation in operations)
            {
                var (method, template) = (operation[..operation.IndexOf(' ', StringComparison.Ordinal)], operation[(operation.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
                var path = targets.Fill(template, method);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (targets.Body(method, template) is { } body)
                {
                    request.Content = new StringContent(body.Json, Encoding.UTF8, body.ContentType);
                }

                if (method is "PUT" or "PATCH" or "DELETE" || (method == "POST" && template.Contains("{id}", StringComparison.Ordinal)))
                {
                    request.Headers.TryAddWithoutValidation("If-Match", await targets.ETagAsync(reader, template));
                }

                if (method == "POST")
                {
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
                }

                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var allowed = Allowed[operation].Contains(principal);
                if (status is >= 200 and < 300 && !allowed)
                {
                    failures.Add($"{principal} {method} {path}: unexpected {status}");
                }
                else if (allowed && status is < 200 or >= 300)
                {
                    // The target and body are valid, so an allowed principal that fails shows the walk does not test what it claims.
                    failures.Add($"{principal} {method} {path}: allowed but got {status} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Who may open a staff page, by the area it is in.</summary>
    private static string[] PageRoles(string template) => template switch
    {
        _ when template.StartsWith("/admin", StringComparison.Ordinal) => [StaffRoles.Administrator],
        _ when template.StartsWith("/workspace", StringComparison.Ordinal) => [StaffRoles.Administrator, StaffRoles.Secretariat],
        _ => [StaffRoles.Contributor],
    };

    [Fact]
    public async Task EveryStaffPage_ForAnonymousAndEveryStaffRole_GivesNoUnexpected2xx()
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => Template(e.RoutePattern.RawText!))
            .Where(t => t.StartsWith("/workspace", StringComparison.Ordinal) || t.StartsWith("/admin", StringComparison.Ordinal) || t.StartsWith("/contribute", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains("/contribute", pages);
        var targets = await ArrangeAsync();
        var someone = await app.CreateUserAsync(StaffRoles.Secretariat);
        string userId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            userId = (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ListAsync(CancellationToken.None)).Single(u => u.Email == someone.Email).Id;
        }

        var failures = new List<string>();
        foreach (var role in new string?[] { null, StaffRoles.Contributor, StaffRoles.Secretariat, StaffRoles.Administrator })
        {
            using var client = role switch
            {
                null => app.CreatePageClient(),
                StaffRoles.Contributor => await app.SignInAsync((await app.CreateContributorAsync(targets.Owner)).Login),
                _ => await app.CreateClientAsAsync(role),
            };
            foreach (var template in pages)
            {
                var path = template
                    .Replace("/workspace/commitments/{id}", $"/workspace/commitments/{targets.Commitment}", StringComparison.Ordinal)
                    .Replace("/workspace/stakeholders/{id}", $"/workspace/stakeholders/{targets.SpareStakeholder}", StringComparison.Ordinal)
                    .Replace("/workspace/reviews/{id}", $"/workspace/reviews/{targets.Submitted[0]}", StringComparison.Ordinal)
                    .Replace("/workspace/cycles/{id}", $"/workspace/cycles/{targets.Cycle}", StringComparison.Ordinal)
                    .Replace("/workspace/countries/{iso3}", "/workspace/countries/KEN", StringComparison.Ordinal)
                    .Replace("/admin/users/{id}", $"/admin/users/{userId}", StringComparison.Ordinal)
                    .Replace("/contribute/commitments/{id}", $"/contribute/commitments/{targets.Commitment}", StringComparison.Ordinal)
                    .Replace("/contribute/reports/{id}", $"/contribute/reports/{targets.Draft}", StringComparison.Ordinal);
                Assert.True(!path.Contains('{', StringComparison.Ordinal), $"The walk does not know what to put in {template}");
                using var response = await client.Http.GetAsync(path);
                var status = (int)response.StatusCode;
                var allowed = role is not null && PageRoles(template).Contains(role);
                if (status is >= 200 and < 300 && !allowed)
                {
                    failures.Add($"{role ?? "anonymous"} GET {path}: unexpected {status}");
                }
                else if (allowed && status is < 200 or >= 300)
                {
                    failures.Add($"{role} GET {path}: allowed but got {status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void TheWalkedOperations_AreTheOpenApiDocumentsOperations()
    {
        var documented = AuthorizationMatrixTests.Matrix.Select(r => $"{r.Method} {r.Template}").Order(StringComparer.Ordinal);
        Assert.Equal(documented, ApiOperations().Order(StringComparer.Ordinal));
    }

    private async Task<HttpClient> ClientForAsync(Principal principal, Targets targets) => principal switch
    {
        Principal.Anonymous => app.CreateClient(),
        Principal.RevokedKey => app.CreateClientWithKey(await app.CreateRevokedApiKeyAsync()),
        Principal.SecretariatKey => app.CreateClientWithKey(await app.CreateApiKeyAsync(ApiKeyRole.Secretariat)),
        Principal.AdministratorKey => app.CreateClientWithKey(await app.CreateApiKeyAsync(ApiKeyRole.Administrator)),
        Principal.ContributorKey => app.CreateClientWithKey(await app.CreateContributorKeyAsync(targets.Owner)),
        Principal.OtherContributorKey => app.CreateClientWithKey(await app.CreateContributorKeyAsync(targets.Other)),
        Principal.StaffCookie => (await app.CreateClientAsAsync(StaffRoles.Administrator)).Http,
        _ => throw new ArgumentOutOfRangeException(nameof(principal), principal, "no client for this principal"),
    };

    /// <summary>Fresh targets for one principal's walk: what its writes act on, led by <see cref="Targets.Owner"/>.</summary>
    private async Task<Targets> ArrangeAsync()
    {
        var owner = await app.CreateStakeholderAsync();
        var other = await app.CreateStakeholderAsync();
        var spare = await app.CreateStakeholderAsync();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("integration-tests", ActorKind.System);
        var writes = scope.ServiceProvider.GetRequiredService<CommitmentWrites>();
        var input = Input(owner.Slug);
        var commitment = await writes.CreateAsync(input, CancellationToken.None);
        var proposal = await writes.ProposeAsync(owner.Id, input with { Title = $"Proposal {Guid.NewGuid():N}" }, CancellationToken.None);
        Assert.True(commitment.Succeeded && proposal.Succeeded, commitment.Error?.Message ?? proposal.Error?.Message);

        // One report on a commitment each: an organisation has one open report per commitment.
        var reports = scope.ServiceProvider.GetRequiredService<ProgressReportService>();
        var contributor = ReportPrincipal.User($"walk-{Guid.NewGuid():N}", isReviewer: false, new[] { owner.Id });
        var reportIds = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var reported = await writes.CreateAsync(Input(owner.Slug), CancellationToken.None);
            var draft = await reports.CreateDraftAsync(contributor, reported.Value!.Id, null, Report, CancellationToken.None);
            Assert.True(draft.Succeeded, draft.Error?.Message);
            var id = draft.Value!.Id;
            if (i > 0)
            {
                var submitted = await reports.SubmitAsync(contributor, id, draft.Value.Version, CancellationToken.None);
                Assert.True(submitted.Succeeded, submitted.Error?.Message);
            }

            reportIds.Add(id);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cycle = await scope.ServiceProvider.GetRequiredService<ReportingCycles>().OpenAsync(
            new OpenCycleInput($"Walk cycle {Guid.NewGuid():N}", today.AddDays(-10), today.AddDays(10), null, null, owner.Slug), CancellationToken.None);
        Assert.True(cycle.Succeeded, cycle.Error?.Message);

        // A membership of Antarctica in a year of its own, which the walk's writers end and then delete.
        var year = Targets.NextYear();
        var membership = await scope.ServiceProvider.GetRequiredService<CountryService>().AddMembershipAsync(
            Targets.WalkedCountry, new MembershipInput("sids", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), "Arranged by the authorisation walk."), CancellationToken.None);
        Assert.True(membership.Succeeded, membership.Error?.Message);

        return new Targets(owner.Slug, other.Slug, commitment.Value!.Id, proposal.Value!.Id, spare.Id, reportIds[0], [.. reportIds.Skip(1)])
        {
            OwnerId = owner.Id,
            Cycle = cycle.Value.Id,
            Membership = membership.Value.Id,
            MembershipYear = year,
        };
    }

    private static readonly ReportInput Report = new(CommitmentStatus.OnTrack, 20, "Arranged by the authorisation walk.", ["https://example.org/walk"], new DateOnly(2026, 6, 30), []);

    private static CommitmentInput Input(string lead) => new(
        $"Walked commitment {Guid.NewGuid():N}", "Arranged by the authorisation walk.", [new ParagraphKey("a-res-80-173", 99)], ["C4"], [lead], ["unesco"],
        new DateOnly(2030, 12, 31), null, ReportingCadence.Annual, []);

    private sealed record Body(string Json, string ContentType = "application/json");

    private sealed record Targets(string Owner, string Other, int Commitment, int Proposal, int SpareStakeholder, int Draft, int[] Submitted)
    {
        public int OwnerId { get; init; }

        /// <summary>An open reporting cycle, closed by the walk's writers.</summary>
        public int Cycle { get; init; }

        /// <summary>The country whose memberships the walk writes: Antarctica, in years long past, so no figure moves.</summary>
        public const string WalkedCountry = "ATA";

        private static int _lastYear = 1100;

        /// <summary>A year no other membership of the walk uses, so its periods never overlap.</summary>
        public static int NextYear() => Interlocked.Increment(ref _lastYear);

        /// <summary>A membership of <see cref="WalkedCountry"/> that the walk's writers end and delete.</summary>
        public int Membership { get; init; }

        public int MembershipYear { get; init; }

        private static Body MembershipBody(int year) => new($$"""{"grouping":"sids","from":"{{year}}-01-01","to":"{{year}}-12-31","source":"Walked."}""");

        public string Fill(string template, string method)
        {
            var id = template switch
            {
                _ when template.StartsWith("/api/v1/stakeholders/", StringComparison.Ordinal) => SpareStakeholder,
                _ when template.EndsWith("/publish", StringComparison.Ordinal) => Proposal,
                _ when template.StartsWith("/api/v1/reports/", StringComparison.Ordinal) => ReportOf(template),
                _ when template.StartsWith("/api/v1/reporting-cycles/", StringComparison.Ordinal) => Cycle,
                _ when template.StartsWith("/api/v1/countries/", StringComparison.Ordinal) => Membership,
                _ => Commitment,
            };
            var path = template.Replace("{iso3}", WalkedCountry, StringComparison.Ordinal).Replace("{slug}", "a-res-70-125", StringComparison.Ordinal).Replace("{number}", "27", StringComparison.Ordinal)
                .Replace("{code}", template.StartsWith("/api/v1/indicators/", StringComparison.Ordinal) ? "IT.NET.USER.ZS" : "C1", StringComparison.Ordinal).Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.DoesNotContain("{", path, StringComparison.Ordinal);
            return method == "DELETE" && template.StartsWith("/api/v1/commitments/", StringComparison.Ordinal) ? path + "?reason=walk" : path;
        }

        /// <summary>The report an operation acts on: the draft, or a submitted one of its own for each review.</summary>
        public int ReportOf(string template) => template switch
        {
            _ when template.EndsWith("/approve", StringComparison.Ordinal) => Submitted[0],
            _ when template.EndsWith("/return", StringComparison.Ordinal) => Submitted[1],
            _ when template.EndsWith("/reject", StringComparison.Ordinal) => Submitted[2],
            _ => Draft,
        };

        public Body? Body(string method, string template) => (method, template) switch
        {
            ("POST", "/api/v1/commitments/{id}/reports") or ("PUT", "/api/v1/reports/{id}") =>
                new("""{"status":"onTrack","progressPercent":30,"narrative":"Walked.","asOf":"2026-06-30"}"""),
            ("POST", "/api/v1/reports/{id}/return") or ("POST", "/api/v1/reports/{id}/reject") => new("""{"comment":"Walked."}"""),
            ("POST", "/api/v1/commitments") or ("PUT", "/api/v1/commitments/{id}") => new(JsonSerializer.Serialize(new
            {
                title = $"Walked {Guid.NewGuid():N}",
                description = "A valid commitment.",
                paragraphs = new[] { new { resolution = "a-res-80-173", number = 99 } },
                actionLines = new[] { "C4" },
                leadStakeholders = new[] { Owner },
            })),
            ("POST", "/api/v1/countries/{iso3}/groupings") => MembershipBody(NextYear()),
            ("POST", "/api/v1/countries/{iso3}/groupings/{id}/end") => new($$"""{"to":"{{MembershipYear}}-06-30"}"""),
            ("PATCH", "/api/v1/commitments/{id}") => new("""{"title":"Patched by the walk"}""", "application/merge-patch+json"),
            ("POST", "/api/v1/commitments/{id}/progress") => new("""{"status":"onTrack","progressPercent":10,"asOf":"2026-01-01"}"""),
            ("POST", "/api/v1/reporting-cycles") => new(JsonSerializer.Serialize(new { name = $"Walked cycle {Guid.NewGuid():N}", opensOn = "2026-01-01", dueOn = "2026-12-31" })),
            ("POST", "/api/v1/stakeholders") or ("PUT", "/api/v1/stakeholders/{id}") => new(JsonSerializer.Serialize(new { name = $"Walked stakeholder {Guid.NewGuid():N}", group = "civilSociety" })),
            _ => null,
        };

        /// <summary>The target's current ETag, read with an Administrator key (a proposal is not public).</summary>
        public async Task<string> ETagAsync(HttpClient reader, string template)
        {
            if (template.StartsWith("/api/v1/reporting-cycles/", StringComparison.Ordinal))
            {
                // A cycle has no ETag header (its open figures move without its row): If-Match is its body's version.
                using var cycle = JsonDocument.Parse(await reader.GetStringAsync($"/api/v1/reporting-cycles/{Cycle}"));
                return $"\"{cycle.RootElement.GetProperty("version").GetUInt32()}\"";
            }

            var resource = template switch
            {
                _ when template.StartsWith("/api/v1/stakeholders/", StringComparison.Ordinal) => $"/api/v1/stakeholders/{SpareStakeholder}",
                _ when template.StartsWith("/api/v1/reports/", StringComparison.Ordinal) => $"/api/v1/reports/{ReportOf(template)}",
                _ => $"/api/v1/commitments/{(template.EndsWith("/publish", StringComparison.Ordinal) ? Proposal : Commitment)}",
            };
            using var response = await reader.GetAsync(resource);
            return response.Headers.ETag?.ToString() ?? "\"0\"";
        }
    }
}
