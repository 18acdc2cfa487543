using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>
/// Many writers on few commitments at once, through both front ends: API clients (key + If-Match) and signed-in staff
/// posting the record-progress form. Every accepted update must be in the history exactly once, every refused one must
/// be a conflict (412 from the API, the 409 conflict page from the workspace), and each commitment must end in the
/// state of its last accepted update.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ConcurrencyTests(WsisTrackerFactory app, ITestOutputHelper output)
{
    private const int ApiClients = 16;
    private const int PageClients = 16;
    private const int AttemptsPerClient = 5;
    private const int Commitments = 3;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private static readonly string[] Statuses = ["OnTrack", "AtRisk", "OffTrack"];

    private enum Outcome
    {
        Accepted,
        Rejected409,
        Rejected412,
        Other,
    }

    private sealed record Attempt(int CommitmentId, string Marker, string Status, int Percent, Outcome Outcome, string Detail);

    [Fact]
    public async Task ApiAndPageClientsRacingOnThreeCommitments_LoseAndDuplicateNothing_AndRefuseOnlyWithConflicts()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<int>();
        for (var i = 0; i < Commitments; i++)
        {
            ids.Add((await app.CreateCommitmentAsync($"Concurrency {run} {i}")).Id);
        }

        var apiClients = new List<HttpClient>();
        for (var i = 0; i < ApiClients; i++)
        {
            apiClients.Add(await app.CreateWriterAsync());
        }

        var pageClients = new List<PageClient>();
        for (var i = 0; i < PageClients; i++)
        {
            pageClients.Add(await app.CreateClientAsAsync(StaffRoles.Secretariat));
        }

        var attempts = new ConcurrentBag<Attempt>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        async Task ClientAsync(int client, Func<int, string, string, int, Task<(Outcome, string)>> post)
        {
            await start.Task;
            for (var attempt = 0; attempt < AttemptsPerClient; attempt++)
            {
                var id = ids[(client + attempt) % Commitments];
                var marker = $"race {run} client {client} attempt {attempt}";
                var status = Statuses[(client + (attempt * 2)) % Statuses.Length];
                var percent = ((client * 7) + (attempt * 13)) % 100;
                var (outcome, detail) = await post(id, marker, status, percent);
                attempts.Add(new Attempt(id, marker, status, percent, outcome, detail));
            }
        }

        async Task<(Outcome, string)> PostThroughApiAsync(HttpClient writer, int id, string marker, string status, int percent)
        {
            using var read = await writer.GetAsync($"/api/v1/commitments/{id}");
            var etag = read.Headers.ETag?.ToString() ?? throw new InvalidOperationException($"GET answered {(int)read.StatusCode} without an ETag");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/commitments/{id}/progress")
            {
                Content = new StringContent(
                    JsonSerializer.Serialize(new { status = JsonNamingPolicy.CamelCase.ConvertName(status), progressPercent = percent, note = marker, asOf = today }),
                    Encoding.UTF8,
                    "application/json"),
            };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await writer.SendAsync(request);
            return response.StatusCode switch
            {
                HttpStatusCode.Created => (Outcome.Accepted, ""),
                HttpStatusCode.PreconditionFailed => (Outcome.Rejected412, ""),
                HttpStatusCode.Conflict => (Outcome.Rejected409, ""),
                _ => (Outcome.Other, $"API {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"),
            };
        }

        async Task<(Outcome, string)> PostThroughPageAsync(PageClient staff, int id, string marker, string status, int percent)
        {
            var page = await staff.GetPageAsync($"/workspace/commitments/{id}");
            using var response = await staff.SubmitAsync(page, $"/workspace/commitments/{id}/progress", new Dictionary<string, object?>
            {
                ["Status"] = status,
                ["ProgressPercent"] = percent.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Note"] = marker,
                ["AsOf"] = today,
            });
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == $"/workspace/commitments/{id}")
            {
                return (Outcome.Accepted, "");
            }

            var html = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Conflict && (await PageClient.ParseAsync(response)).QuerySelector(".conflict") is not null)
            {
                return (Outcome.Rejected409, "");
            }

            return (Outcome.Other, $"page {(int)response.StatusCode} {response.Headers.Location}: {html[..Math.Min(html.Length, 2000)]}");
        }

        var clients = apiClients.Select((writer, i) => ClientAsync(i, (id, marker, status, percent) => PostThroughApiAsync(writer, id, marker, status, percent)))
            .Concat(pageClients.Select((staff, i) => ClientAsync(ApiClients + i, (id, marker, status, percent) => PostThroughPageAsync(staff, id, marker, status, percent))))
            .ToList();
        var watch = Stopwatch.StartNew();
        start.SetResult();
        await Task.WhenAll(clients).WaitAsync(Limit);
        watch.Stop();
        apiClients.ForEach(c => c.Dispose());
        pageClients.ForEach(c => c.Dispose());

        var lost = 0;
        var duplicated = 0;
        var finalStateWrong = new List<string>();
        foreach (var id in ids)
        {
            var detail = await app.GetJsonAsync<JsonElement>($"/api/v1/commitments/{id}");
            var history = detail.GetProperty("progressHistory").EnumerateArray()
                .Select(u => (Id: u.GetProperty("id").GetInt64(), Note: u.GetProperty("note").GetString()!, Status: u.GetProperty("status").GetString()!, Percent: u.GetProperty("progressPercent").GetInt32()))
                .ToList();
            var accepted = attempts.Where(a => a.CommitmentId == id && a.Outcome == Outcome.Accepted).Select(a => a.Marker).ToHashSet();
            lost += accepted.Count(marker => !history.Any(h => h.Note == marker));
            duplicated += history.GroupBy(h => h.Note).Sum(g => g.Count() - 1) + history.Count(h => !accepted.Contains(h.Note));
            Assert.Equal(history.OrderByDescending(h => h.Id).Select(h => h.Id), history.Select(h => h.Id));
            if (history.Count > 0)
            {
                var last = history[0];
                var state = (detail.GetProperty("status").GetString(), detail.GetProperty("progressPercent").GetInt32());
                if (state != (last.Status, last.Percent))
                {
                    finalStateWrong.Add($"commitment {id} is {state} but its last accepted update '{last.Note}' set ({last.Status}, {last.Percent})");
                }
            }
        }

        var counts = attempts.GroupBy(a => a.Outcome).ToDictionary(g => g.Key, g => g.Count());
        ReliabilityFigures.Report(
            output,
            "concurrency",
            ("clients", ApiClients + PageClients),
            ("apiClients", ApiClients),
            ("pageClients", PageClients),
            ("commitments", Commitments),
            ("attempted", attempts.Count),
            ("accepted", counts.GetValueOrDefault(Outcome.Accepted)),
            ("rejected409", counts.GetValueOrDefault(Outcome.Rejected409)),
            ("rejected412", counts.GetValueOrDefault(Outcome.Rejected412)),
            ("other", counts.GetValueOrDefault(Outcome.Other)),
            ("lost", lost),
            ("duplicated", duplicated),
            ("elapsed", watch.Elapsed));

        Assert.Equal((ApiClients + PageClients) * AttemptsPerClient, attempts.Count);
        Assert.Empty(attempts.Where(a => a.Outcome == Outcome.Other).Select(a => $"{a.Marker}: {a.Detail}"));
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Empty(finalStateWrong);
        Assert.All(ids, id => Assert.Contains(attempts, a => a.CommitmentId == id && a.Outcome == Outcome.Accepted));
    }

    [Fact]
    public async Task ParallelRetriesWithOneIdempotencyKey_CreateOneCommitment_AndEveryOtherAnswerIsAReplayOrInProgress()
    {
        const int Retries = 8;
        using var writer = await app.CreateWriterAsync();
        var title = $"Idempotent race {Guid.NewGuid():N}";
        var body = JsonSerializer.Serialize(new { title, description = "Created once however often it is retried.", paragraphs = new[] { new { resolution = "a-res-80-173", number = 99 } }, actionLines = new[] { "C1" }, leadStakeholders = new[] { "itu" } });
        var key = Guid.NewGuid().ToString();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<(HttpStatusCode Status, bool Replayed, string Body)> RetryAsync()
        {
            await start.Task;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/commitments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            using var response = await writer.SendAsync(request);
            return (response.StatusCode, response.Headers.Contains("Idempotent-Replayed"), await response.Content.ReadAsStringAsync());
        }

        var retries = Enumerable.Range(0, Retries).Select(_ => RetryAsync()).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(retries).WaitAsync(Limit);

        var created = answers.Count(a => a.Status == HttpStatusCode.Created && !a.Replayed);
        var replayed = answers.Count(a => a.Status == HttpStatusCode.Created && a.Replayed);
        var inProgress = answers.Count(a => a.Status == HttpStatusCode.Conflict && a.Body.Contains("idempotency-request-in-progress", StringComparison.Ordinal));
        var stored = await app.WithDbAsync(db => Task.FromResult(db.Commitments.Count(c => c.Title == title)));
        ReliabilityFigures.Report(output, "idempotency-race", ("retries", Retries), ("created", created), ("replayed", replayed), ("inProgress409", inProgress), ("stored", stored));

        Assert.Equal(1, created);
        Assert.Equal(Retries, created + replayed + inProgress);
        Assert.Equal(1, stored);
    }
}
