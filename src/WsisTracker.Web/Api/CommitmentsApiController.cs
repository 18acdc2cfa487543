using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Stakeholders;

namespace WsisTracker.Web.Api;

/// <summary>Commitments read from the resolutions, with their sources, actors and progress.</summary>
[Route("api/v1/commitments")]
public sealed class CommitmentsApiController(CommitmentService commitments) : ApiControllerBase
{
    /// <summary>A page of commitments in id order, with the count under the filters.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet]
    [ProducesResponseType<PagedResult<CommitmentSummary>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> ListAsync([FromQuery] CommitmentListQuery query, CancellationToken cancellationToken) =>
        From(await commitments.ListAsync(query.ToFilter(), query.Page, query.PageSize, cancellationToken));

    /// <summary>One commitment with its paragraphs, action lines, stakeholders, progress history and lineage.</summary>
    /// <param name="id">The commitment's id.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{id:int}")]
    [ProducesResponseType<CommitmentDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> GetAsync(int id, CancellationToken cancellationToken) =>
        From(await commitments.GetAsync(id, cancellationToken));
}

/// <summary>Query string of <c>GET /api/v1/commitments</c>.</summary>
public sealed class CommitmentListQuery
{
    /// <summary>Resolution slug, e.g. <c>a-res-80-173</c>.</summary>
    [StringLength(32)]
    public string? Resolution { get; init; }

    /// <summary>Action-line code; <c>C7</c> includes its sub-lines.</summary>
    [StringLength(8)]
    public string? ActionLine { get; init; }

    public CommitmentStatus? Status { get; init; }

    public StakeholderGroup? StakeholderGroup { get; init; }

    /// <summary>Stakeholder slug, e.g. <c>itu</c>.</summary>
    [StringLength(100)]
    public string? Stakeholder { get; init; }

    /// <summary>Operative paragraph number cited.</summary>
    [Range(1, 10_000)]
    public int? Paragraph { get; init; }

    /// <summary>Only overdue (true) or only not overdue (false) commitments.</summary>
    public bool? Overdue { get; init; }

    [Range(1, int.MaxValue)]
    public int Page { get; init; } = 1;

    [Range(1, CommitmentService.MaxPageSize)]
    public int PageSize { get; init; } = 50;

    public CommitmentFilter ToFilter() => new(Resolution, ActionLine, Status, StakeholderGroup, Stakeholder, Paragraph, Overdue);
}
