using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.ApiKeys;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>In Production, staff cookies are always <c>Secure</c> and API keys travel only over HTTPS.</summary>
[Collection(AppCollection.Name)]
public sealed class HttpsTransportTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Cookies_OverPlainHttp_AreNeverSetWithoutSecure()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });

        using var response = await client.GetAsync("/account/login");

        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task StaffCookie_IsSecure()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = app.CreatePageClient();

        using var response = await client.TrySignInAsync(login.Email, login.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("wsis.staff=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ApiKey_OverPlainHttp_IsRefusedWithAProblem()
    {
        var key = await app.CreateApiKeyAsync(ApiKeyRole.Secretariat);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        using var response = await client.PostAsJsonAsync("/api/v1/stakeholders", new { name = $"Plain HTTP {Guid.NewGuid():N}", group = "civilSociety" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:wsis-tracker:problem:https-required", problem.GetProperty("type").GetString());
    }
}

/// <summary>Every request reaches this app from 10.1.2.3, a proxy listed in <c>ForwardedHeaders:KnownNetworks</c>.</summary>
public sealed class BehindProxyFactory : WsisTrackerFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings() => [("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/8")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, FromProxy>());
    }

    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

[Collection(AppCollection.Name)]
public sealed class BehindProxyTests(BehindProxyFactory app) : IClassFixture<BehindProxyFactory>
{
    [Theory]
    [InlineData("https", HttpStatusCode.Created)]
    [InlineData("http", HttpStatusCode.Forbidden)]
    public async Task ApiKey_OverPlainHttpFromAKnownProxy_CountsAsWhatTheProxySaw(string forwardedProto, HttpStatusCode expected)
    {
        var key = await app.CreateApiKeyAsync(ApiKeyRole.Secretariat);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stakeholders")
        {
            Content = JsonContent.Create(new { name = $"Behind a proxy {Guid.NewGuid():N}", group = "civilSociety" }),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}
