using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// Every client the factory makes checks every <c>/api</c> response it receives against the app's own OpenAPI
/// document (status, content type, body): a response the document does not describe fails the test that received
/// it, so the suite's own calls are the contract's corpus.
/// </summary>
public partial class WsisTrackerFactory
{
    private readonly SemaphoreSlim _contractLoad = new(1, 1);
    private OpenApiContract? _contract;

    /// <summary>A client like the framework's, with the contract check innermost, so it sees each response as the app sent it.</summary>
    public new HttpClient CreateClient() => CreateClient(ClientOptions);

    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect)
        {
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        }

        if (options.HandleCookies)
        {
            handlers.Add(new CookieContainerHandler());
        }

        handlers.Add(new ContractCheckingHandler(this));
        return CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>The served document, read once per factory with a client that checks nothing.</summary>
    public async Task<OpenApiContract> ContractAsync()
    {
        if (_contract is { } loaded)
        {
            return loaded;
        }

        await _contractLoad.WaitAsync();
        try
        {
            if (_contract is null)
            {
                using var client = CreateDefaultClient();
                var json = await client.GetStringAsync("/swagger/v1/swagger.json");
                _contract = new OpenApiContract(System.Text.Json.JsonDocument.Parse(json).RootElement.Clone());
            }

            return _contract;
        }
        finally
        {
            _contractLoad.Release();
        }
    }

    private sealed class ContractCheckingHandler(WsisTrackerFactory app) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var path = request.RequestUri?.AbsolutePath ?? "";
            if (!path.StartsWith("/api/", StringComparison.Ordinal) || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options)
            {
                return response;
            }

            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var contract = await app.ContractAsync();
            var errors = await contract.CheckRealAsync(response, path, request.Method.Method);
            if (errors.Count > 0)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw new OpenApiContractViolationException($"{request.Method} {request.RequestUri} answered {status}, which the OpenAPI document does not describe:\n{string.Join('\n', errors)}");
            }

            return response;
        }
    }
}

/// <summary>A response the app's OpenAPI document does not describe.</summary>
public sealed class OpenApiContractViolationException(string message) : Exception(message);
