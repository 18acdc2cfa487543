using System.Diagnostics;
using System.Net;
using System.Text.Json;
using WsisTracker.IntegrationTests.Infrastructure;
using static WsisTracker.IntegrationTests.Api.CommitmentWritesApiTests;

namespace WsisTracker.IntegrationTests.Api;

[Collection(AppCollection.Name)]
public sealed class OpenApiContractTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Document_DescribesTheBearerSchemeAndThePreconditionHeaders()
    {
        var document = (await OpenApiContract.LoadAsync(app)).Document;

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var patch = document.GetProperty("paths").GetProperty("/api/v1/commitments/{id}").GetProperty("patch");
        Assert.Contains(patch.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("required").GetBoolean());
        Assert.True(patch.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/merge-patch+json", out _));
        Assert.Equal(["401", "403", "412", "428", "429"], patch.GetProperty("responses").EnumerateObject().Select(r => r.Name).Where(r => r is "401" or "403" or "412" or "428" or "429").Order());
        Assert.NotEmpty(patch.GetProperty("security").EnumerateArray());
        var post = document.GetProperty("paths").GetProperty("/api/v1/commitments").GetProperty("post");
        Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.True(document.GetProperty("components").GetProperty("schemas").GetProperty("CommitmentRequest").GetProperty("properties").GetProperty("title").TryGetProperty("example", out _));
    }

    [Fact]
    public async Task RealResponses_ConformToTheDocumentsSchemas()
    {
        var contract = await OpenApiContract.LoadAsync(app);
        using var writer = await app.CreateWriterAsync();
        using var client = app.CreateClient();

        using var created = await SendAsync(writer, HttpMethod.Post, "/api/v1/commitments", JsonSerializer.Serialize(new { title = "Contract", description = "d", paragraphs = new[] { new { resolution = "a-res-80-173", number = 99 } }, actionLines = new[] { "C1" }, leadStakeholders = new[] { "itu" }, reportingCadence = "biennial", milestones = new[] { new { title = "m", dueDate = "2027-01-01" } } }), "application/json", null);
        await contract.AssertConformsAsync(created, "/api/v1/commitments", "POST");
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        using var progress = await SendAsync(writer, HttpMethod.Post, $"/api/v1/commitments/{id}/progress", """{ "status": "onTrack", "progressPercent": 10, "note": "n", "evidenceLinks": ["https://example.org"], "asOf": "2026-01-01" }""", "application/json", created.Headers.ETag!.ToString());
        await contract.AssertConformsAsync(progress, "/api/v1/commitments/{id}/progress", "POST");

        (string Url, string Template)[] reads =
        [
            ("/api/v1/commitments?limit=20", "/api/v1/commitments"),
            ($"/api/v1/commitments/{id}", "/api/v1/commitments/{id}"),
            ($"/api/v1/commitments/{id}/progress", "/api/v1/commitments/{id}/progress"),
            ("/api/v1/commitments/44", "/api/v1/commitments/{id}"),
            ("/api/v1/stakeholders", "/api/v1/stakeholders"),
            ("/api/v1/stakeholders/1", "/api/v1/stakeholders/{id}"),
            ("/api/v1/dashboard", "/api/v1/dashboard"),
            ("/api/v1/progress-updates?limit=50", "/api/v1/progress-updates"),
            ("/api/v1/resolutions", "/api/v1/resolutions"),
            ("/api/v1/resolutions/a-res-70-125", "/api/v1/resolutions/{slug}"),
            ("/api/v1/resolutions/a-res-80-173/paragraphs/99", "/api/v1/resolutions/{slug}/paragraphs/{number}"),
            ("/api/v1/action-lines", "/api/v1/action-lines"),
            ("/api/v1/action-lines/C7", "/api/v1/action-lines/{code}"),
            ("/api/v1/commitments/987654321", "/api/v1/commitments/{id}"),
            ("/api/v1/commitments?limit=0", "/api/v1/commitments"),
        ];
        foreach (var (url, template) in reads)
        {
            using var response = await client.GetAsync(url);
            await contract.AssertConformsAsync(response, template, "GET");
        }

        using var stale = await CommitmentWritesApiTests.PatchAsync(writer, id, "\"1\"", """{ "title": "x" }""");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await contract.AssertConformsAsync(stale, "/api/v1/commitments/{id}", "PATCH");
        using var anonymous = await SendAsync(client, HttpMethod.Delete, $"/api/v1/commitments/{id}", null, null, null);
        await contract.AssertConformsAsync(anonymous, "/api/v1/commitments/{id}", "DELETE");
    }

    [Fact]
    public async Task Document_NullableReferencesAdmitNull_NonNullableOnesDoNot_AndTheCsvIsDescribedAsText()
    {
        var document = (await OpenApiContract.LoadAsync(app)).Document;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        JsonElement Property(string schema, string name) => schemas.GetProperty(schema).GetProperty("properties").GetProperty(name);

        foreach (var (schema, name, target) in new[] { ("CommitmentDetail", "reportingCadence", "ReportingCadence"), ("CommitmentSummary", "reportingCadence", "ReportingCadence"), ("ParagraphModel", "section", "SectionModel") })
        {
            var oneOf = Property(schema, name).GetProperty("oneOf").EnumerateArray().ToList();
            Assert.Equal($"#/components/schemas/{target}", oneOf[0].GetProperty("$ref").GetString());
            Assert.True(oneOf[1].GetProperty("nullable").GetBoolean());
            Assert.Equal(JsonValueKind.Null, Assert.Single(oneOf[1].GetProperty("enum").EnumerateArray()).ValueKind);
            Assert.False(Property(schema, name).TryGetProperty("type", out _), $"{schema}.{name} has a type beside its reference");
        }

        var status = Property("CommitmentDetail", "status");
        Assert.False(status.TryGetProperty("nullable", out _));
        Assert.Equal("#/components/schemas/CommitmentStatus", Assert.Single(status.GetProperty("allOf").EnumerateArray()).GetProperty("$ref").GetString());

        foreach (var path in new[] { "/api/v1/commitments", "/api/v1/stakeholders" })
        {
            var csv = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("text/csv");
            Assert.Equal("string", csv.GetProperty("schema").GetProperty("type").GetString());
            Assert.StartsWith("id,", csv.GetProperty("example").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Checker_RefusesANullTheDocumentDoesNotAdmit_AndAcceptsTheNullsItDoes()
    {
        var contract = await OpenApiContract.LoadAsync(app);
        using var writer = await app.CreateWriterAsync();
        var (id, _) = await app.SeedCommitmentAsync(writer, "contract nulls");
        using var client = app.CreateClient();
        using var real = await client.GetAsync($"/api/v1/commitments/{id}");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await real.Content.ReadAsStringAsync())!;
        Assert.Null(body["reportingCadence"]);

        using var accepted = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        Assert.Empty(await contract.CheckRealAsync(accepted, $"/api/v1/commitments/{id}", "GET"));

        body["status"] = null;
        using var refused = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        Assert.Contains(await contract.CheckRealAsync(refused, $"/api/v1/commitments/{id}", "GET"), e => e.StartsWith("$.status", StringComparison.Ordinal));

        using var undocumented = new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        Assert.NotEmpty(await contract.CheckRealAsync(undocumented, $"/api/v1/commitments/{id}", "GET"));
    }

    [Fact]
    public async Task NSwagClient_GeneratedFromTheDocument_TypesEveryEnumAndNullableReference()
    {
        var root = RepositoryRoot();
        using var client = app.CreateClient();
        var directory = Directory.CreateTempSubdirectory("wsis-nswag-");
        try
        {
            var input = Path.Combine(directory.FullName, "openapi.json");
            var output = Path.Combine(directory.FullName, "Client.cs");
            await File.WriteAllTextAsync(input, await client.GetStringAsync("/swagger/v1/swagger.json"));
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
            foreach (var arg in new[] { "nswag", "openapi2csclient", $"/input:{input}", $"/output:{output}", "/namespace:Generated", "/generateNullableReferenceTypes:true" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"nswag failed (run `dotnet tool restore` first):\n{await stdout}\n{await stderr}");

            var code = await File.ReadAllTextAsync(output);
            Assert.Contains("public ReportingCadence? ReportingCadence { get; set; }", code, StringComparison.Ordinal);
            Assert.Contains("public CommitmentStatus Status { get; set; }", code, StringComparison.Ordinal);
            Assert.Contains("public StakeholderGroup Group { get; set; }", code, StringComparison.Ordinal);
            Assert.Contains("public SectionModel? Section { get; set; }", code, StringComparison.Ordinal);
            Assert.DoesNotContain("public string ReportingCadence", code, StringComparison.Ordinal);
            Assert.DoesNotContain("public string Status ", code, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task RedoclyLint_ReportsNoErrors()
    {
        var root = RepositoryRoot();
        var redocly = Path.Combine(root, "tools", "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: scripts/test.sh installs it (npm ci in tools/).");
        using var client = app.CreateClient();
        var file = Path.Combine(Path.GetTempPath(), $"wsis-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await client.GetStringAsync("/swagger/v1/swagger.json"));
        try
        {
            var start = new ProcessStartInfo(redocly) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.Combine(root, "tools") };
            foreach (var arg in new[] { "lint", file, "--format=stylish" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"redocly lint failed:\n{await output}\n{await error}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WsisTracker.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (WsisTracker.sln) was not found above the test binaries.");
    }
}
