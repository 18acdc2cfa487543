using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Indicators;

namespace WsisTracker.Web.Api;

/// <summary>ICT indicator series by country and year (World Bank download format; attribution in each answer).</summary>
[Route("api/v1/indicators")]
public sealed class IndicatorsApiController(IndicatorService indicators) : ApiControllerBase
{
    /// <summary>The imported series, with how many values each holds and the years they span.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<IndicatorModel>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> ListAsync(CancellationToken cancellationToken) =>
        Ok(await indicators.ListAsync(cancellationToken));

    /// <summary>A series' values by country and year, filtered; a grouping is read as of today (<c>groupingsAsOf</c>).</summary>
    /// <param name="code">The indicator code, e.g. <c>IT.NET.USER.ZS</c>.</param>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{code}/values")]
    [ProducesResponseType<IndicatorValues>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> ValuesAsync(string code, [FromQuery] IndicatorValuesQuery query, CancellationToken cancellationToken) =>
        From(await indicators.ValuesAsync(code, new IndicatorQuery(query.Country, query.Region, query.Grouping, query.From, query.To), cancellationToken));

    /// <summary>The latest aggregate for the world, each M49 region and each grouping, each with its year, weighting and the countries without a value.</summary>
    /// <param name="code">The indicator code.</param>
    /// <param name="cancellationToken">Aborts the request.</param>
    [HttpGet("{code}/aggregates")]
    [ProducesResponseType<IndicatorAggregates>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> AggregatesAsync(string code, CancellationToken cancellationToken) =>
        From(await indicators.AggregatesAsync(code, cancellationToken));
}

/// <summary>The filters of an indicator's values.</summary>
public sealed class IndicatorValuesQuery
{
    /// <summary>One country (ISO 3166-1 alpha-3).</summary>
    [RegularExpression("^[A-Za-z]{3}$", ErrorMessage = "A country is an ISO 3166-1 alpha-3 code, such as KEN.")]
    public string? Country { get; init; }

    /// <summary>The countries of an M49 region, sub-region or intermediate region (three digits).</summary>
    [RegularExpression("^[0-9]{3}$", ErrorMessage = "A region is a three-digit M49 code, such as 002 (Africa).")]
    public string? Region { get; init; }

    /// <summary>The members of a grouping today: <c>ldc</c>, <c>lldc</c> or <c>sids</c>.</summary>
    [RegularExpression("^(ldc|lldc|sids)$", ErrorMessage = "A grouping is ldc, lldc or sids.")]
    public string? Grouping { get; init; }

    /// <summary>The first year.</summary>
    [Range(1900, 2100)]
    public int? From { get; init; }

    /// <summary>The last year.</summary>
    [Range(1900, 2100)]
    public int? To { get; init; }
}
