using System.Text;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ApiKeys;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>
/// Who may call what: every endpoint and method of the API against each kind of caller. Writes aim at an id that
/// does not exist (or send an empty body), so a caller that passes authorisation gets 404 or 400 and nothing changes.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AuthorizationMatrixTests(WsisTrackerFactory app)
{
    private const string Missing = "987654321";

    /// <summary>
    /// The matrix. <c>StaffCookie</c> is what a signed-in Administrator's session cookie gets: the API's writes accept
    /// API keys only, so a browser session can never be turned against the API (decision 030).
    /// </summary>
    public static readonly Row[] Matrix =
    [
        // method, path template, concrete path, body, content type, If-Match, anonymous, revoked key, Secretariat, Administrator, staff cookie
        new("GET", "/api/v1/resolutions", "/api/v1/resolutions", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/resolutions/{slug}", "/api/v1/resolutions/a-res-70-125", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/resolutions/{slug}/paragraphs", "/api/v1/resolutions/a-res-70-125/paragraphs", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/resolutions/{slug}/paragraphs/{number}", "/api/v1/resolutions/a-res-70-125/paragraphs/27", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/action-lines", "/api/v1/action-lines", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/action-lines/{code}", "/api/v1/action-lines/C1", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/stakeholders", "/api/v1/stakeholders", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/stakeholders/{id}", "/api/v1/stakeholders/1", null, null, false, 200, 200, 200, 200, 200),
        new("POST", "/api/v1/stakeholders", "/api/v1/stakeholders", "{}", "application/json", false, 401, 401, 400, 400, 401),
        new("PUT", "/api/v1/stakeholders/{id}", $"/api/v1/stakeholders/{Missing}", """{"name":"n","group":"civilSociety"}""", "application/json", true, 401, 401, 404, 404, 401),
        new("DELETE", "/api/v1/stakeholders/{id}", $"/api/v1/stakeholders/{Missing}", null, null, true, 401, 401, 403, 404, 401),
        new("GET", "/api/v1/countries", "/api/v1/countries?grouping=ldc", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/countries/{iso3}", "/api/v1/countries/KEN", null, null, false, 200, 200, 200, 200, 200),
        new("POST", "/api/v1/countries/{iso3}/groupings", "/api/v1/countries/ATA/groupings", "{}", "application/json", false, 401, 401, 400, 400, 401),
        new("POST", "/api/v1/countries/{iso3}/groupings/{id}/end", $"/api/v1/countries/ATA/groupings/{Missing}/end", """{"to":"2020-01-01"}""", "application/json", false, 401, 401, 404, 404, 401),
        new("DELETE", "/api/v1/countries/{iso3}/groupings/{id}", $"/api/v1/countries/ATA/groupings/{Missing}", null, null, false, 401, 401, 404, 404, 401),
        new("GET", "/api/v1/indicators", "/api/v1/indicators", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/indicators/{code}/values", "/api/v1/indicators/IT.NET.USER.ZS/values?country=KEN", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/indicators/{code}/aggregates", "/api/v1/indicators/IT.NET.USER.ZS/aggregates", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/commitments", "/api/v1/commitments", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/commitments/{id}", "/api/v1/commitments/1", null, null, false, 200, 200, 200, 200, 200),
        new("POST", "/api/v1/commitments", "/api/v1/commitments", "{}", "application/json", false, 401, 401, 400, 400, 401),
        new("PUT", "/api/v1/commitments/{id}", $"/api/v1/commitments/{Missing}", "{}", "application/json", true, 401, 401, 404, 404, 401),
        new("PATCH", "/api/v1/commitments/{id}", $"/api/v1/commitments/{Missing}", "{}", "application/merge-patch+json", true, 401, 401, 404, 404, 401),
        new("DELETE", "/api/v1/commitments/{id}", $"/api/v1/commitments/{Missing}?reason=test", null, null, true, 401, 401, 404, 404, 401),
        new("POST", "/api/v1/commitments/{id}/publish", $"/api/v1/commitments/{Missing}/publish", null, null, true, 401, 401, 404, 404, 401),
        new("GET", "/api/v1/commitments/{id}/progress", "/api/v1/commitments/1/progress", null, null, false, 200, 200, 200, 200, 200),
        new("POST", "/api/v1/commitments/{id}/progress", $"/api/v1/commitments/{Missing}/progress", """{"status":"onTrack","asOf":"2026-01-01"}""", "application/json", true, 401, 401, 404, 404, 401),
        new("POST", "/api/v1/commitments/{id}/reports", $"/api/v1/commitments/{Missing}/reports", """{"status":"onTrack","progressPercent":10,"asOf":"2026-01-01"}""", "application/json", false, 401, 401, 403, 403, 401),
        new("GET", "/api/v1/reports", "/api/v1/reports", null, null, false, 401, 401, 200, 200, 401),
        new("GET", "/api/v1/reports/{id}", $"/api/v1/reports/{Missing}", null, null, false, 401, 401, 404, 404, 401),
        new("PUT", "/api/v1/reports/{id}", $"/api/v1/reports/{Missing}", """{"status":"onTrack","progressPercent":10,"asOf":"2026-01-01"}""", "application/json", true, 401, 401, 403, 403, 401),
        new("POST", "/api/v1/reports/{id}/submit", $"/api/v1/reports/{Missing}/submit", null, null, true, 401, 401, 403, 403, 401),
        new("POST", "/api/v1/reports/{id}/approve", $"/api/v1/reports/{Missing}/approve", null, null, true, 401, 401, 404, 404, 401),
        new("POST", "/api/v1/reports/{id}/return", $"/api/v1/reports/{Missing}/return", """{"comment":"c"}""", "application/json", true, 401, 401, 404, 404, 401),
        new("POST", "/api/v1/reports/{id}/reject", $"/api/v1/reports/{Missing}/reject", """{"comment":"c"}""", "application/json", true, 401, 401, 404, 404, 401),
        new("GET", "/api/v1/progress-updates", "/api/v1/progress-updates", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/dashboard", "/api/v1/dashboard", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/reporting-cycles", "/api/v1/reporting-cycles", null, null, false, 200, 200, 200, 200, 200),
        new("GET", "/api/v1/reporting-cycles/{id}", $"/api/v1/reporting-cycles/{Missing}", null, null, false, 404, 404, 404, 404, 404),
        new("POST", "/api/v1/reporting-cycles", "/api/v1/reporting-cycles", "{}", "application/json", false, 401, 401, 400, 400, 401),
        new("POST", "/api/v1/reporting-cycles/{id}/close", $"/api/v1/reporting-cycles/{Missing}/close", null, null, true, 401, 401, 404, 404, 401),
    ];

    public enum Caller
    {
        Anonymous,
        RevokedKey,
        SecretariatKey,
        AdministratorKey,
        StaffCookie,
    }

    private static readonly Caller[] WalkedCallers = [Caller.Anonymous, Caller.RevokedKey, Caller.SecretariatKey, Caller.AdministratorKey, Caller.StaffCookie];

    [Fact]
    public async Task EveryEndpointAndCaller_GetsTheExpectedStatus()
    {
        var failures = new List<string>();
        foreach (var caller in WalkedCallers)
        {
            using var client = await ClientForAsync(caller);
            foreach (var row in Matrix)
            {
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path);
                if (row.Body is not null)
                {
                    request.Content = new StringContent(row.Body, Encoding.UTF8);
                    request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(row.ContentType!);
                }

                if (row.IfMatch)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                }

                using var response = await client.SendAsync(request);
                if ((int)response.StatusCode != row.Expected(caller))
                {
                    failures.Add($"{caller} {row.Method} {row.Path}: expected {row.Expected(caller)}, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task TheMatrixCoversEveryOperationOfTheOpenApiDocument()
    {
        var contract = await OpenApiContract.LoadAsync(app);
        var documented = contract.Document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Order().ToList();

        Assert.Equal(documented, Matrix.Select(r => $"{r.Method} {r.Template}").Order());
    }

    private async Task<HttpClient> ClientForAsync(Caller caller) => caller switch
    {
        Caller.Anonymous => app.CreateClient(),
        Caller.RevokedKey => app.CreateClientWithKey(await app.CreateRevokedApiKeyAsync()),
        Caller.SecretariatKey => app.CreateClientWithKey(await app.CreateApiKeyAsync(ApiKeyRole.Secretariat)),
        Caller.AdministratorKey => app.CreateClientWithKey(await app.CreateApiKeyAsync(ApiKeyRole.Administrator)),
        Caller.StaffCookie => (await app.CreateClientAsAsync(StaffRoles.Administrator)).Http,
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "no client for this caller"),
    };

    public sealed record Row(string Method, string Template, string Path, string? Body, string? ContentType, bool IfMatch, int Anonymous, int RevokedKey, int SecretariatKey, int AdministratorKey, int StaffCookie)
    {
        public int Expected(Caller caller) => caller switch
        {
            Caller.Anonymous => Anonymous,
            Caller.RevokedKey => RevokedKey,
            Caller.SecretariatKey => SecretariatKey,
            Caller.AdministratorKey => AdministratorKey,
            _ => StaffCookie,
        };
    }
}
