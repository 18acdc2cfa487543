using System.Net;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Pages;

/// <summary>
/// A page that answers GET answers HEAD with the same status and headers (HeadWherePagesGet); before, MVC answered 405.
/// Leaving the body out is Kestrel's part (the in-memory test server passes it on).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HeadRequestTests(WsisTrackerFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/fr/")]
    [InlineData("/commitments?q=internet")]
    [InlineData("/resolutions/a-res-70-125")]
    [InlineData("/search?q=internet+governance")]
    [InlineData("/countries")]
    [InlineData("/account/login")]
    public async Task Head_OnAPage_AnswersWithTheStatusAndTypeOfGet(string url)
    {
        using var client = app.CreateClient();
        using var get = await client.GetAsync(url);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Head_OnAMissingPage_IsNotFound_AndOnAnActionThatOnlyTakesAPost_IsNotAllowed()
    {
        using var client = app.CreateClient();
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/commitments/987654321"));
        using var closeCycle = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/workspace/cycles/1/close"));

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, closeCycle.StatusCode);
    }
}
