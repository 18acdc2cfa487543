namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// A request whose client went away before the answer (a closed tab, a load generator that stops) is cancelled
/// through <see cref="HttpContext.RequestAborted"/>. That is no failure of the app: the request ends with status 499
/// (client closed request) and no exception, so the request log shows it as information rather than a 500 error with
/// a stack trace. The same exception with the client still there (a timeout of the app's own) stays an error.
/// </summary>
public static class AbortedRequests
{
    public const int ClientClosedRequest = 499;

    public static async Task EndAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }
        }
    }
}
