using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Common;
using WsisTracker.Core.Data;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.Web.Api;

/// <summary>
/// A POST that honours <c>Idempotency-Key</c>: the first successful response is stored (per API key) and replayed to
/// any retry with the same key and the same request, which then creates nothing. The same key with another request is
/// a 422; a retry while the first is still being handled is a 409. Failed requests are not stored, so a retry after a
/// failure runs again. Records are kept for <see cref="Retention"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute : Attribute, IFilterFactory
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public bool IsReusable => false;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new IdempotencyFilter(serviceProvider.GetRequiredService<WsisTrackerDbContext>(), serviceProvider.GetRequiredService<TimeProvider>());
}

internal sealed class IdempotencyFilter(WsisTrackerDbContext db, TimeProvider time) : IAsyncResourceFilter
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

        if (key.Length > Limits.IdempotencyKey || key.Any(c => c is < '!' or > '~'))
        {
            context.Result = ApiProblems.ToActionResult(Error.Validation(IdempotentAttribute.Header, $"An idempotency key is 1 to {Limits.IdempotencyKey} visible ASCII characters."), http);
            return;
        }

        var hash = await HashAsync(http.Request);
        var now = time.GetUtcNow();
        var cancellationToken = http.RequestAborted;
        await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM idempotency_records WHERE created_at < {now - IdempotentAttribute.Retention}", cancellationToken);
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO idempotency_records (api_key_id, key, request_hash, status_code, created_at) VALUES ({apiKeyId}, {key}, {hash}, 0, {now}) ON CONFLICT DO NOTHING",
            cancellationToken);
        if (claimed == 0)
        {
            context.Result = await ReplayAsync(http, apiKeyId, key, hash, cancellationToken);
            return;
        }

        var original = http.Response.Body;
        await using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        var stored = false;
        try
        {
            await next();
            if (http.Response.StatusCode is >= 200 and < 300)
            {
                var body = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
                string? location = http.Response.Headers.Location;
                string? etag = http.Response.Headers.ETag;
                var status = http.Response.StatusCode;
                var contentType = http.Response.ContentType;
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE idempotency_records SET status_code = {status}, content_type = {contentType}, body = {body}, location = {location}, entity_tag = {etag} WHERE api_key_id = {apiKeyId} AND key = {key}",
                    CancellationToken.None);
                stored = true;
            }
        }
        finally
        {
            http.Response.Body = original;
            if (!stored)
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM idempotency_records WHERE api_key_id = {apiKeyId} AND key = {key} AND status_code = 0", CancellationToken.None);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, CancellationToken.None);
        }
    }

    private async Task<IActionResult> ReplayAsync(HttpContext http, int apiKeyId, string key, string hash, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, cancellationToken);
        if (record is null || record.StatusCode == 0)
        {
            return ApiProblems.ToActionResult(ApiProblems.Create(http, StatusCodes.Status409Conflict, "idempotency-request-in-progress", "Conflict.",
                "A request with this idempotency key is still being handled; retry it later."));
        }

        if (record.RequestHash != hash)
        {
            return ApiProblems.ToActionResult(ApiProblems.Create(http, StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "Idempotency key reused.",
                "This idempotency key was used for a different request; use a new key for a new request."));
        }

        http.Response.Headers[IdempotentAttribute.ReplayedHeader] = "true";
        if (record.Location is { } location)
        {
            http.Response.Headers.Location = location;
        }

        if (record.EntityTag is { } etag)
        {
            http.Response.Headers.ETag = etag;
        }

        return new ContentResult { StatusCode = record.StatusCode, Content = record.Body, ContentType = record.ContentType };
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
