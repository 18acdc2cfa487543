using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using WsisTracker.Core.Feeds;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Controllers;

/// <summary>Atom feeds of progress updates: everything, one action line, one commitment.</summary>
public sealed class FeedsController(FeedService feeds, SiteUrls urls) : Controller
{
    [HttpGet("/feed")]
    [EnableRateLimiting(RateLimits.CostlyPages)]
    public async Task<IActionResult> AllAsync(CancellationToken cancellationToken) =>
        Atom(await feeds.AllAsync(cancellationToken), "/");

    [HttpGet("/action-lines/{code}/feed")]
    [EnableRateLimiting(RateLimits.CostlyPages)]
    public async Task<IActionResult> ActionLineAsync(string code, CancellationToken cancellationToken)
    {
        var feed = await feeds.ForActionLineAsync(code, cancellationToken);
        return feed.Value is { } value ? Atom(value, $"/action-lines/{Uri.EscapeDataString(code)}") : NotFound();
    }

    [HttpGet("/commitments/{id:int}/feed")]
    [EnableRateLimiting(RateLimits.CostlyPages)]
    public async Task<IActionResult> CommitmentAsync(int id, CancellationToken cancellationToken)
    {
        var feed = await feeds.ForCommitmentAsync(id, cancellationToken);
        return feed.Value is { } value ? Atom(value, $"/commitments/{id}") : NotFound();
    }

    private ContentResult Atom(UpdateFeed feed, string pagePath)
    {
        var baseUrl = urls.BaseOf(Request);
        return Content(AtomFeed.Write(feed, baseUrl + Request.Path, baseUrl + pagePath, baseUrl), AtomFeed.ContentType);
    }
}
