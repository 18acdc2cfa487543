using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

/// <summary>The workspace CSV round-trip as a browser drives it: the file's preview, then the import it offers.</summary>
public static class WorkspaceCsv
{
    /// <summary>Uploads the file to <c>/workspace/csv/preview</c> with the page's antiforgery token; the preview must answer 200.</summary>
    public static async Task<IHtmlDocument> PreviewAsync(PageClient client, string csv)
    {
        var page = await client.GetPageAsync("/workspace/csv");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "commitments.csv" },
        };
        using var response = await client.Http.PostAsync("/workspace/csv/preview", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageClient.ParseAsync(response);
    }

    /// <summary>Posts the file to the import as the confirmation would, whether or not the preview offered it.</summary>
    public static Task<HttpResponseMessage> ApplyAsync(PageClient client, IHtmlDocument preview, string csv) =>
        client.Http.PostAsync("/workspace/csv/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(preview),
            ["text"] = csv,
        }));

    public static string Token(IHtmlDocument page) =>
        page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
}
