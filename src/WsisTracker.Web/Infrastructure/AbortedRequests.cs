namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// A request whose client went away before the answer (a closed tab, a load generator that stops) is cancelled
/// through <see cref="HttpContext.RequestAborted"/>, or its body ends early (Kestrel's "unexpected end of request
/// content", an <see cref="IOException"/>). That is no failure of the app: the request ends with status 499 (client
/// closed request) and no exception, so the request log shows it as information rather than a 500 error with a stack
/// trace. The same exceptions with the client still there (a timeout of the app's own, a malformed body) stay what
/// they were, and so does any other exception.
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
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }
        }
    }
}
