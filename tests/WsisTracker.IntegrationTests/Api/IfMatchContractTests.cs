using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.ApiKeys;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.Web.Api;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

/// <summary>
/// <see cref="RequiresIfMatchAttribute"/> is both the check and what the OpenAPI document says: every action that
/// carries it documents a required <c>If-Match</c> with its 412 and 428, answers them, and no other operation claims it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class IfMatchContractTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task EveryActionMarkedRequiresIfMatch_DocumentsARequiredIfMatchWith412And428_AndNoOtherOperationDoes()
    {
        var marked = MarkedOperations();
        var document = (await OpenApiContract.LoadAsync(app)).Document;
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Key: $"{op.Name.ToUpperInvariant()} {path.Name}", Operation: op.Value)))
            .Where(op => op.Operation.TryGetProperty("parameters", out var parameters) && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "If-Match"))
            .ToList();

        Assert.NotEmpty(marked);
        Assert.Equal(marked.Order(), documented.Select(d => d.Key).Order());
        foreach (var (key, operation) in documented)
        {
            var ifMatch = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "If-Match");
            Assert.True(ifMatch.GetProperty("required").GetBoolean(), $"{key}: If-Match is not required");
            Assert.True(operation.GetProperty("responses").TryGetProperty("412", out _), $"{key}: no 412");
            Assert.True(operation.GetProperty("responses").TryGetProperty("428", out _), $"{key}: no 428");
        }
    }

    private static readonly HashSet<string> ContributorWrites = ["PUT /api/v1/reports/{id}", "POST /api/v1/reports/{id}/submit"];

    [Fact]
    public async Task EveryActionMarkedRequiresIfMatch_Answers428WithoutIfMatch_And412ForATagThatIsNotOurs()
    {
        using var administrator = app.CreateClientWithKey(await app.CreateApiKeyAsync(ApiKeyRole.Administrator));
        // A contributor's own writes (revise, submit a report) refuse every other key with 403 before If-Match is read.
        using var contributor = app.CreateClientWithKey(await app.CreateContributorKeyAsync((await app.CreateStakeholderAsync()).Slug));
        var failures = new List<string>();
        foreach (var key in MarkedOperations())
        {
            var client = ContributorWrites.Contains(key) ? contributor : administrator;
            // The authorisation matrix has a request for every operation of the document, aimed at an id that does not exist.
            var row = Assert.Single(AuthorizationMatrixTests.Matrix, r => $"{r.Method} {r.Template}" == key);
            Assert.True(row.IfMatch, $"{key}: the authorisation matrix sends no If-Match");
            foreach (var (ifMatch, status, code) in new[] { ((string?)null, HttpStatusCode.PreconditionRequired, "precondition-required"), ("W/\"1\"", HttpStatusCode.PreconditionFailed, "version-mismatch") })
            {
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path);
                if (row.Body is not null)
                {
                    request.Content = new StringContent(row.Body, Encoding.UTF8);
                    request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(row.ContentType!);
                }

                if (ifMatch is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                }

                using var response = await client.SendAsync(request);
                if (response.StatusCode != status)
                {
                    failures.Add($"{key} with If-Match {ifMatch ?? "(none)"}: expected {(int)status}, got {(int)response.StatusCode}");
                    continue;
                }

                await AssertProblemAsync(response, code);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task AStaleIfMatchOnARealCommitment_Is412VersionMismatch_AndChangesNothing()
    {
        using var writer = await app.CreateWriterAsync();
        var (id, etag) = await app.SeedCommitmentAsync(writer, $"if-match-{Guid.NewGuid():N}");
        var stale = $"\"{uint.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture) - 1}\"";

        using var patched = await PatchAsync(writer, id, stale, JsonSerializer.Serialize(new { title = "Never written" }));

        Assert.Equal(HttpStatusCode.PreconditionFailed, patched.StatusCode);
        await AssertProblemAsync(patched, "version-mismatch");
        Assert.Equal(etag, await app.ETagOfAsync($"/api/v1/commitments/{id}"));
    }

    /// <summary>"METHOD /template" of every API action that carries <see cref="RequiresIfMatchAttribute"/>, as the document writes it.</summary>
    private List<string> MarkedOperations() =>
        app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Where(a => a.MethodInfo.GetCustomAttribute<RequiresIfMatchAttribute>() is not null)
            .SelectMany(a => a.ActionConstraints!.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods)
                .Select(method => $"{method} /{System.Text.RegularExpressions.Regex.Replace(a.AttributeRouteInfo!.Template!, @"\{(\w+):[^}]+\}", "{$1}")}"))
            .ToList();
}
