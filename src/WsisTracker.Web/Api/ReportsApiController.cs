using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Reports;
using WsisTracker.Web.Api.Contracts;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>
/// Progress reports through the API (decision 082): a Contributor key drafts, revises and submits its stakeholder's
/// reports; a Secretariat or Administrator key reviews them. Every rule is <see cref="ProgressReportService"/>'s: this
/// controller only says who asks (<see cref="ReportPrincipal"/>) and maps the answer.
/// </summary>
[Route("api/v1")]
public sealed class ReportsApiController(ProgressReportService reports) : ApiControllerBase
{
    /// <summary>Drafts a progress report on a commitment the key's stakeholder leads or partners on.</summary>
    /// <remarks>The content must pass the commitment's progress rules as it stands. An organisation has one open report per commitment (<c>report-open</c>). Another stakeholder's commitment is not found.</remarks>
    /// <param name="id">The commitment's id.</param>
    /// <param name="request">The report.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("commitments/{id:int}/reports")]
    [Authorize(Policy = ApiSetup.ContributorPolicy)]
    [Idempotent]
    [Consumes("application/json")]
    [ProducesResponseType<ProgressReportDetail>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> CreateAsync(int id, [FromBody] ReportRequest request, CancellationToken cancellationToken)
    {
        var created = await reports.CreateDraftAsync(Principal(User), id, null, request.ToInput(), cancellationToken);
        return Resource(created, r => r.Version, created.Succeeded ? LocationOf(created.Value!.Id) : null);
    }

    /// <summary>Progress reports: a Contributor key's own stakeholder's (newest first); for a Secretariat or Administrator key, the review queue (submitted reports, oldest submission first).</summary>
    /// <param name="state">Only reports in this state.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("reports")]
    [Authorize(Policy = ApiSetup.ReportReadPolicy)]
    [ProducesResponseType<IReadOnlyList<ProgressReportSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ListAsync([FromQuery] ReportState? state, CancellationToken cancellationToken)
    {
        var principal = Principal(User);
        if (principal.IsContributor)
        {
            return From(await reports.ListForContributorAsync(principal, state, cancellationToken));
        }

        var queue = await reports.ReviewQueueAsync(principal, new ReviewFilter(), cancellationToken);
        return queue.Succeeded && state is { } wanted && wanted != ReportState.Submitted
            ? Ok(Array.Empty<ProgressReportSummary>())
            : From(queue);
    }

    /// <summary>One report with its revisions and transitions; for its stakeholder's Contributor key and for reviewers.</summary>
    /// <param name="id">The report's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("reports/{id:int}")]
    [Authorize(Policy = ApiSetup.ReportReadPolicy)]
    [HasETag]
    [ProducesResponseType<ProgressReportDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(int id, CancellationToken cancellationToken) =>
        Resource(await reports.GetAsync(Principal(User), id, cancellationToken), r => r.Version);

    /// <summary>Revises a draft or returned report (a returned one becomes a draft again); the earlier revision is kept.</summary>
    /// <param name="id">The report's id.</param>
    /// <param name="request">The whole report.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPut("reports/{id:int}")]
    [Authorize(Policy = ApiSetup.ContributorPolicy)]
    [RequiresIfMatch]
    [Consumes("application/json")]
    [ProducesResponseType<ProgressReportDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> ReviseAsync(int id, [FromBody] ReportRequest request, CancellationToken cancellationToken) =>
        Resource(await reports.ReviseAsync(Principal(User), id, request.ToInput(), IfMatchVersion, cancellationToken), r => r.Version);

    /// <summary>Submits a draft for review.</summary>
    /// <param name="id">The report's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("reports/{id:int}/submit")]
    [Authorize(Policy = ApiSetup.ContributorPolicy)]
    [RequiresIfMatch]
    [ProducesResponseType<ProgressReportDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> SubmitAsync(int id, CancellationToken cancellationToken) =>
        Resource(await reports.SubmitAsync(Principal(User), id, IfMatchVersion, cancellationToken), r => r.Version);

    /// <summary>Approves a submitted report: it becomes the commitment's progress update, authored by the organisation.</summary>
    /// <remarks>The progress rules are applied to the commitment as it is now; if they refuse, the report stays submitted and the problem (<c>report-refused</c>) says why.</remarks>
    /// <param name="id">The report's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("reports/{id:int}/approve")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [ProducesResponseType<ProgressReportDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> ApproveAsync(int id, CancellationToken cancellationToken) =>
        Resource(await reports.ApproveAsync(Principal(User), id, IfMatchVersion, cancellationToken), r => r.Version);

    /// <summary>Returns a submitted report to its contributors with a comment.</summary>
    /// <param name="id">The report's id.</param>
    /// <param name="request">The reviewer's comment (required).</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("reports/{id:int}/return")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [Consumes("application/json")]
    [ProducesResponseType<ProgressReportDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> ReturnAsync(int id, [FromBody] ReviewCommentRequest request, CancellationToken cancellationToken) =>
        Resource(await reports.ReturnAsync(Principal(User), id, request.Comment, IfMatchVersion, cancellationToken), r => r.Version);

    /// <summary>Rejects a submitted report, with a reason.</summary>
    /// <param name="id">The report's id.</param>
    /// <param name="request">The reason (required).</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpPost("reports/{id:int}/reject")]
    [Authorize(Policy = ApiSetup.WritePolicy)]
    [RequiresIfMatch]
    [Consumes("application/json")]
    [ProducesResponseType<ProgressReportDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    public async Task<IActionResult> RejectAsync(int id, [FromBody] ReviewCommentRequest request, CancellationToken cancellationToken) =>
        Resource(await reports.RejectAsync(Principal(User), id, request.Comment, IfMatchVersion, cancellationToken), r => r.Version);

    /// <summary>The key as <see cref="ProgressReportService"/> sees it: a reviewer, or a contributor of its one stakeholder.</summary>
    private static ReportPrincipal Principal(ClaimsPrincipal user)
    {
        var keyId = int.Parse(user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)!, System.Globalization.CultureInfo.InvariantCulture);
        var isReviewer = user.IsInRole(nameof(ApiKeyRole.Secretariat)) || user.IsInRole(nameof(ApiKeyRole.Administrator));
        return ReportPrincipal.ApiKey(keyId, isReviewer, ApiKeyAuthenticationHandler.StakeholderOf(user) is { } stakeholder ? new[] { stakeholder } : []);
    }

    private static string LocationOf(int id) => $"/api/v1/reports/{id}";
}

/// <summary>A progress report's content.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ReportRequest
{
    [Required]
    public CommitmentStatus? Status { get; init; }

    /// <summary>Whole percent, 0 to 100.</summary>
    /// <example>40</example>
    public int? ProgressPercent { get; init; }

    /// <summary>What was done; required where the progress rules ask for a note (a fall, off track, reopening).</summary>
    /// <example>Pilot in 120 schools completed.</example>
    [StringLength(Limits.Note)]
    public string? Narrative { get; init; }

    /// <summary>Absolute http(s) links, at most 10.</summary>
    /// <example>["https://example.org/report-2026.pdf"]</example>
    public IReadOnlyList<string>? EvidenceLinks { get; init; }

    /// <summary>The date the report describes; not in the future, not before the commitment's latest update.</summary>
    /// <example>2026-06-30</example>
    [Required]
    public DateOnly? AsOf { get; init; }

    /// <summary>
    /// ISO 3166-1 alpha-3 codes of the countries the work covered, as reports gave them before they had a
    /// <c>scope</c>: alone, a national scope of these countries (none: global). Sent with <c>scope</c>, it must name
    /// the scope's countries (in any order; <c>[]</c> for a global or regional scope), else 400.
    /// </summary>
    /// <example>["KEN", "SEN"]</example>
    public IReadOnlyList<string>? Countries { get; init; }

    /// <summary>
    /// Where the work was done (decision 131), checked as a commitment's scope is; left out or null, the scope is
    /// national of <c>countries</c>, or global without them. A PUT replaces the whole report, its scope included.
    /// </summary>
    public ScopeRequest? Scope { get; init; }

    public ReportInput ToInput() => new(Status!.Value, ProgressPercent, Narrative, EvidenceLinks, AsOf!.Value, Countries) { Scope = Scope?.ToInput() };
}

/// <summary>A reviewer's comment on returning or rejecting a report.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ReviewCommentRequest
{
    /// <example>Please add the link to the published evaluation.</example>
    [StringLength(Limits.Note)]
    public string? Comment { get; init; }
}
