using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using WsisTracker.Core.ApiKeys;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>
/// A POST that honours <c>Idempotency-Key</c> (decision 040): the first successful response is stored (per API key),
/// in the transaction of the write, and replayed with its status, body and headers to any retry with the same key
/// and the same request, which then creates nothing. The same key with another request is a 422; a retry while the
/// first is still being handled is a 409. A refusal, a failure or an abandoned request stores nothing and writes
/// nothing, so the retry runs again. Records are kept for <see cref="IdempotencyRecords.Retention"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute, IFilterFactory
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public bool IsReusable => false;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new IdempotencyFilter(serviceProvider.GetRequiredService<IdempotencyRecords>());
}

/// <summary>Binds the HTTP side of <see cref="IdempotencyRecords"/>: the header, the request hash, the buffered answer.</summary>
internal sealed class IdempotencyFilter(IdempotencyRecords records) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[IdempotentAttribute.Header].ToString();
        var keyIdClaim = http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
        if (string.IsNullOrEmpty(key) || !int.TryParse(keyIdClaim, out var apiKeyId))
        {
            await next();
            return;
        }

        if (IdempotencyRecords.ValidateKey(IdempotentAttribute.Header, key) is { } invalid)
        {
            context.Result = ApiProblems.ToActionResult(invalid, http);
            return;
        }

        var hash = await HashAsync(http.Request);
        await using var claim = await records.ClaimAsync(apiKeyId, key, hash, http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.InProgress:
                context.Result = ApiProblems.ToActionResult(ApiProblems.Create(http, StatusCodes.Status409Conflict, "idempotency-request-in-progress", "Conflict.",
                    "A request with this idempotency key is still being handled; retry it later."));
                return;
            case IdempotencyOutcome.KeyReused:
                context.Result = ApiProblems.ToActionResult(ApiProblems.Create(http, StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency key reused.",
                    "This idempotency key was used for a different request; use a new key for a new request."));
                return;
            case IdempotencyOutcome.Replay:
                context.Result = Replay(http, claim.Replay!);
                return;
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        bool failed;
        try
        {
            var executed = await next();

            // MVC hands an exception of the action or its result back here rather than throwing it: such a request
            // failed, whatever status the response holds yet. Disposing the claim rolls its writes back.
            failed = executed.Exception is not null && !executed.ExceptionHandled;
            if (!failed && IdempotencyRecords.IsStored(http.Response.StatusCode))
            {
                var headers = IdempotencyRecords.ReplayedHeaders
                    .Where(name => !string.IsNullOrEmpty(http.Response.Headers[name]))
                    .ToDictionary(name => name, name => http.Response.Headers[name].ToString());
                var body = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                await claim.CompleteAsync(new StoredResponse(http.Response.StatusCode, http.Response.ContentType, body, headers));
            }
        }
        finally
        {
            http.Response.Body = original;
        }

        // A failed request's partial answer is dropped: the exception handler answers it, from a response not yet started.
        if (!failed)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    private static ContentResult Replay(HttpContext http, StoredResponse stored)
    {
        http.Response.Headers[IdempotentAttribute.ReplayedHeader] = "true";
        foreach (var (name, value) in stored.Headers)
        {
            http.Response.Headers[name] = value;
        }

        return new ContentResult { StatusCode = stored.StatusCode, Content = stored.Body, ContentType = stored.ContentType };
    }

    /// <summary>Hex SHA-256 of the method, path, query and body; the body is buffered so model binding still reads it.</summary>
    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
