using Microsoft.AspNetCore.Mvc;
using WsisTracker.Core.Countries;
using WsisTracker.Web.Models;

namespace WsisTracker.Web.Controllers;

/// <summary>The countries by M49 region with their groupings as of a date, and each country's page.</summary>
public sealed class CountriesController(CountryService countries) : PageController
{
    [HttpGet("/countries")]
    public async Task<IActionResult> IndexAsync([FromQuery] DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            asOf = null;
        }

        var list = await countries.ListAsync(null, asOf, cancellationToken);
        return View("Index", new CountriesViewModel(list.Value!, await countries.RegionsAsync(cancellationToken)));
    }

    [HttpGet("/countries/{iso3}")]
    public async Task<IActionResult> ShowAsync(string iso3, [FromQuery] DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            asOf = null;
        }

        var page = await countries.GetPageAsync(iso3, asOf, cancellationToken);
        return page.Succeeded ? View("Show", new CountryViewModel(page.Value)) : NotFoundPage(page.Error);
    }
}
