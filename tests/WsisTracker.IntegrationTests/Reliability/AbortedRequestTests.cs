using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Reliability;

/// <summary>
/// A request whose client went away (its work cancelled, or its body cut short) ends as 499 without an exception, so
/// the request log does not report it as a 500 with a stack trace. The in-memory test server cannot drop a client
/// mid-query, so these drive the middleware with a context whose <c>RequestAborted</c> has fired; the benchmark's
/// logs show the same at full load (docs/performance.md).
/// </summary>
public sealed class AbortedRequestTests
{
    [Fact]
    public async Task ACancellationBecauseTheClientLeft_Ends499_WithoutAnException()
    {
        var context = Context(aborted: true);

        await AbortedRequests.EndAsync(context, c => Task.FromException(new OperationCanceledException(c.RequestAborted)));

        Assert.Equal(AbortedRequests.ClientClosedRequest, context.Response.StatusCode);
    }

    [Fact]
    public async Task ABodyCutShortBecauseTheClientLeft_Ends499_WithoutAnException()
    {
        var context = Context(aborted: true);

        await AbortedRequests.EndAsync(context, _ => Task.FromException(new BadHttpRequestException("Unexpected end of request content.")));

        Assert.Equal(AbortedRequests.ClientClosedRequest, context.Response.StatusCode);
    }

    [Fact]
    public async Task ABadBodyWithTheClientStillThere_StaysAFailure()
    {
        var context = Context(aborted: false);

        await Assert.ThrowsAsync<BadHttpRequestException>(() => AbortedRequests.EndAsync(context, _ => Task.FromException(new BadHttpRequestException("Unexpected end of request content."))));
    }

    [Fact]
    public async Task ACancellationWithTheClientStillThere_StaysAFailure()
    {
        var context = Context(aborted: false);

        await Assert.ThrowsAsync<TaskCanceledException>(() => AbortedRequests.EndAsync(context, _ => Task.FromException(new TaskCanceledException("A timeout of the app's own."))));
    }

    [Fact]
    public async Task AnyOtherFailure_OfAnAbortedRequest_StaysAFailure()
    {
        var context = Context(aborted: true);

        await Assert.ThrowsAsync<InvalidOperationException>(() => AbortedRequests.EndAsync(context, _ => Task.FromException(new InvalidOperationException("A bug."))));
    }

    [Fact]
    public async Task AnAnswerAlreadyStarted_KeepsItsStatus()
    {
        var context = Context(aborted: true, started: true);
        context.Response.StatusCode = StatusCodes.Status200OK;

        await AbortedRequests.EndAsync(context, c => Task.FromException(new OperationCanceledException(c.RequestAborted)));

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    private static DefaultHttpContext Context(bool aborted, bool started = false)
    {
        var context = new DefaultHttpContext { RequestAborted = new CancellationToken(canceled: aborted) };
        if (started)
        {
            context.Features.Set<IHttpResponseFeature>(new StartedResponse());
        }

        return context;
    }

    private sealed class StartedResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
