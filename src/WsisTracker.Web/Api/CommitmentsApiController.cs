using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Web.Api.Contracts;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>Commitments read from the resolutions, with their sources, actors and progress; written with an API key.</summary>
[Route("api/v1/commitments")]
public sealed class CommitmentsApiController(CommitmentReads commitments, CommitmentWrites writes, ProgressRecorder progress, IOptions<JsonOptions> json) : ApiControllerBase
{
    /// <summary>A keyset page of commitments under the filters, with the count under the filters and the link to the next page.</summary>
    /// <remarks>Walking the <c>next</c> links returns every matching commitment exactly once, even while commitments are edited. <c>Accept: text/csv</c> returns the page's rows as CSV.</remarks>
    /// <param name="query">Filters, order and paging.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet]
    [OutputCache(PolicyName = WsisTrackerApp.ReadModelApi)]
    [ProducesResponseType<CommitmentPage>(StatusCodes.Status200OK, "application/json", CsvOutputFormatter.MediaType)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ListAsync([FromQuery] CommitmentListQuery query, CancellationToken cancellationToken)
    {
        if (query.ToSort() is not { } sort)
        {
            return Problem(Error.Validation("sort", "Sort by id, code or createdAt; prefix '-' for descending."));
        }

        var result = await commitments.ListAfterAsync(query.ToFilter(), sort, query.Cursor, query.Limit, cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result.Error!);
        }

        var page = result.Value!;
        string? next = null;
        if (page.Next is { } cursor)
        {
            var parameters = Request.Query.Where(q => !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new KeyValuePair<string, string?>("cursor", cursor));
            next = Request.PathBase + Request.Path + QueryString.Create(parameters);
            Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return Ok(new CommitmentPage(page.Items, page.TotalCount, next));
    }

    /// <summary>One commitment with its paragraphs, action lines, stakeholders, milestones, progress history and lineage.</summary>
    /// <remarks>A proposed voluntary commitment is found only with a Secretariat or Administrator key, or the Contributor key of the stakeholder that proposed it.</remarks>
    /// <param name="id">The commitment's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{id:int}")]
    [HasETag]
    [ProducesResponseType<CommitmentDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(int id, CancellationToken cancellationToken)
    {
        var key = await ApiKeyAuthenticationHandler.OptionalKeyAsync(HttpContext);
        var detail = await commitments.GetAsync(id, cancellationToken, includeProposed: key is not null);
        if (detail.Value is { IsProposed: true } proposal && key is not null && !MaySeeProposal(key, proposal))
        {
            detail = Error.NotFound("Commitment", id);
        }

        return Resource(detail, c => c.Version);
    }

    /// <summary>A proposal is the secretariat's to see, and its proposer's.</summary>
    private static bool MaySeeProposal(System.Security.Claims.ClaimsPrincipal key, CommitmentDetail proposal) =>
        key.IsInRole(nameof(Core.ApiKeys.ApiKeyRole.Secretariat)) || key.IsInRole(nameof(Core.ApiKeys.ApiKeyRole.Administrator))
        || (ApiKeyAuthenticationHandler.StakeholderOf(key) is { } stakeholder && stakeholder == proposal.ProposedBy);

    /// <summary>Creates a commitment; with a Contributor key, proposes one for the key's stakeholder (decision 081).</summary>
    /// <remarks>A proposal is led by the key's stakeholder alone (left out, the leads are that stakeholder), is <c>isProposed</c> and hidden from the public until a Secretariat key publishes it (<c>POST /api/v1/commitments/{id}/publish</c>).</remarks>
    /// <param name="request">The commitment.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost]
    [Authorize(Policy = ApiSetup.ProposePolicy)]
    [Idempotent]
    [Consumes("application/json")]
    [ProducesResponseType<CommitmentDetail>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> CreateAsync([FromBody] CommitmentRequest request, CancellationToken cancellationToken)
    {
        var created = ApiKeyAuthenticationHandler.StakeholderOf(User) is { } stakeholder
            ? await writes.ProposeAsync(stakeholder, request.ToInput(), cancellationToken)
            : await writes.CreateAsync(request.ToInput(), cancellationToken);
        return Resource(created, c => c.Version, created.Succeeded ? LocationOf(created.Value!.Id) : null);
    }

    /// <summary>Publishes a proposed voluntary commitment: from now on it is public like the others, marked voluntary.</summary>
    /// <param name="id">The commitment's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("{id:int}/publish")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [ProducesResponseType<CommitmentDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> PublishAsync(int id, CancellationToken cancellationToken) =>
        Resource(await writes.PublishAsync(id, IfMatchVersion, cancellationToken), c => c.Version);

    /// <summary>Replaces what a commitment is (its text, sources, actors, dates and milestones); status changes only through progress.</summary>
    /// <param name="id">The commitment's id.</param>
    /// <param name="request">The whole commitment; fields left out are emptied.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPut("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [Consumes("application/json")]
    [ProducesResponseType<CommitmentDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> ReplaceAsync(int id, [FromBody] CommitmentRequest request, CancellationToken cancellationToken) =>
        Resource(await writes.ReviseAsync(id, request.ToInput(), IfMatchVersion, cancellationToken), c => c.Version);

    /// <summary>Edits a commitment with a JSON Merge Patch (RFC 7396) over the shape of the PUT body.</summary>
    /// <param name="id">The commitment's id.</param>
    /// <param name="patch">Members to change; <c>null</c> clears one; arrays are replaced whole.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPatch("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [Consumes("application/merge-patch+json")]
    [ProducesResponseType<CommitmentDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> PatchAsync(int id, [FromBody] JsonElement patch, CancellationToken cancellationToken)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return Problem(Error.Validation("$", "A merge patch is a JSON object."));
        }

        var current = await commitments.GetAsync(id, cancellationToken);
        if (!current.Succeeded)
        {
            return Problem(current.Error!);
        }

        var options = json.Value.JsonSerializerOptions;
        CommitmentRequest? request;
        try
        {
            // A JsonElement defers decoding its strings: invalid UTF-8 surfaces here, and the error handler answers it with a 400.
            var merged = MergePatch.Apply(JsonSerializer.SerializeToNode(CommitmentRequest.From(current.Value!), options), JsonNode.Parse(patch.GetRawText()));
            request = merged.Deserialize<CommitmentRequest>(options);
        }
        catch (JsonException e)
        {
            return Problem(Error.Validation(e.Path ?? "$", e.Message));
        }
        catch (InvalidOperationException)
        {
            // What System.Text.Json throws when the client's string escape decodes to an unpaired surrogate ("\ud800"):
            // not text (decision 043), a 400 as for the same POST or PUT body.
            return Problem(Error.Validation("$", PlainText.Problem));
        }

        return request is null
            ? Problem(Error.Validation("$", "A merge patch is a JSON object."))
            : Resource(await writes.ReviseAsync(id, request.ToInput(), IfMatchVersion, cancellationToken), c => c.Version);
    }

    /// <summary>Withdraws a commitment: it stays, with its history, marked withdrawn, and takes no more edits.</summary>
    /// <param name="id">The commitment's id.</param>
    /// <param name="reason">Why it is withdrawn (or give <c>reason</c> in a JSON body).</param>
    /// <param name="body">Optional JSON body with the reason.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpDelete("{id:int}")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [ProducesResponseType<CommitmentDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> WithdrawAsync(
        int id,
        [FromQuery, StringLength(Limits.Note)] string? reason,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] WithdrawRequest? body,
        CancellationToken cancellationToken) =>
        Resource(await writes.WithdrawAsync(id, body?.Reason ?? reason, IfMatchVersion, cancellationToken), c => c.Version);

    /// <summary>A commitment's progress history, newest first.</summary>
    /// <param name="id">The commitment's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{id:int}/progress")]
    [ProducesResponseType<IReadOnlyList<ProgressUpdateModel>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> ProgressAsync(int id, CancellationToken cancellationToken)
    {
        var detail = await commitments.GetAsync(id, cancellationToken);
        return detail.Succeeded ? Ok(detail.Value!.ProgressHistory) : Problem(detail.Error!);
    }

    /// <summary>Records a progress update; <c>If-Match</c> is the commitment's ETag, and the response's <c>Commitment-ETag</c> its new one.</summary>
    /// <param name="id">The commitment's id.</param>
    /// <param name="request">The update.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("{id:int}/progress")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [Idempotent]
    [Consumes("application/json")]
    [ProducesResponseType<ProgressUpdateModel>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> RecordProgressAsync(int id, [FromBody] RecordProgressRequest request, CancellationToken cancellationToken)
    {
        var input = request.ToInput();
        if (!input.Succeeded)
        {
            return Problem(input.Error);
        }

        var recorded = await progress.RecordProgressAsync(id, input.Value, IfMatchVersion, cancellationToken);
        if (!recorded.Succeeded)
        {
            return Problem(recorded.Error!);
        }

        Response.Headers[CommitmentETagHeader] = Preconditions.Format(recorded.Value!.CommitmentVersion);
        return Created($"{LocationOf(id)}/progress", recorded.Value.Update);
    }

    public const string CommitmentETagHeader = "Commitment-ETag";

    private static string LocationOf(int id) => $"/api/v1/commitments/{id}";
}

/// <summary>Query string of <c>GET /api/v1/commitments</c>.</summary>
public sealed class CommitmentListQuery : CommitmentFilterQuery
{
    /// <summary>Only commitments changed at or after this time (ISO 8601, e.g. <c>2026-01-31T00:00:00Z</c>).</summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>Order: <c>id</c> (default), <c>code</c> or <c>createdAt</c>; prefix <c>-</c> for descending.</summary>
    [StringLength(16)]
    public string? Sort { get; init; }

    /// <summary>Page size, 1 to 200.</summary>
    [Range(1, CommitmentReads.MaxPageSize)]
    public int Limit { get; init; } = 50;

    /// <summary>The cursor from the previous page's <c>next</c> link; keep the other parameters unchanged.</summary>
    [StringLength(1000)]
    public string? Cursor { get; init; }

    public CommitmentFilter ToFilter() => Filter(UpdatedSince);

    public CommitmentKeysetOrder? ToSort() => (Sort ?? "id") switch
    {
        "id" => CommitmentKeysetOrder.Id,
        "-id" => CommitmentKeysetOrder.IdDescending,
        "code" => CommitmentKeysetOrder.Code,
        "-code" => CommitmentKeysetOrder.CodeDescending,
        "createdAt" => CommitmentKeysetOrder.CreatedAt,
        "-createdAt" => CommitmentKeysetOrder.CreatedAtDescending,
        _ => null,
    };
}

/// <summary>JSON Merge Patch (RFC 7396): objects merge member by member, <c>null</c> removes, anything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var existing = result[name];
                var merged = Apply(existing, value);
                if (!ReferenceEquals(merged, existing))
                {
                    result[name] = merged;
                }
            }
        }

        return result;
    }
}
