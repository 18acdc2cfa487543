using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace WsisTracker.IntegrationTests.Infrastructure;

/// <summary>
/// Drives the pages as a browser without script would: reads a form from the HTML (its fields, including the
/// antiforgery token), changes some values, and posts it. Keeps its own cookies.
/// </summary>
public sealed class PageClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public StaffLogin? Login { get; set; }

    public async Task<IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url} answered {(int)response.StatusCode}, expected {(int)expected}: {html}");
        return await Parser.ParseDocumentAsync(html);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>
    /// Posts the form whose action is <paramref name="action"/> with its current values, changed by
    /// <paramref name="values"/>: a string sets a field, a string array sets every value of a many-valued field,
    /// null removes it. <paramref name="submit"/> names the button pressed as <c>name=value</c>.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string action, IReadOnlyDictionary<string, object?>? values = null, string? submit = null)
    {
        var form = page.Forms.FirstOrDefault(f => f.GetAttribute("action") == action)
            ?? throw new InvalidOperationException($"The page has no form posting to {action}: {page.DocumentElement.OuterHtml}");
        var fields = ReadFields(form);
        foreach (var (name, value) in values ?? new Dictionary<string, object?>())
        {
            fields.RemoveAll(f => f.Key == name);
            switch (value)
            {
                case string one:
                    fields.Add(new(name, one));
                    break;
                case string[] many:
                    fields.AddRange(many.Select(v => new KeyValuePair<string, string>(name, v)));
                    break;
            }
        }

        if (submit is not null)
        {
            var (name, value) = (submit.Split('=', 2)[0], submit.Split('=', 2)[1]);
            fields.Add(new(name, value));
        }

        return await http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public async Task<HttpResponseMessage> TrySignInAsync(string email, string password)
    {
        var page = await GetPageAsync("/account/login");
        return await SubmitAsync(page, "/account/login", new Dictionary<string, object?> { ["Email"] = email, ["Password"] = password });
    }

    /// <summary>Sets up two-factor sign-in as a person would: reads the key the page shows, answers with its current code.</summary>
    public async Task<IHtmlDocument> EnrolTwoFactorAsync()
    {
        var setup = await GetPageAsync("/account/two-factor");
        var key = setup.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        using var enabled = await SubmitAsync(setup, "/account/two-factor", new Dictionary<string, object?> { ["Code"] = WsisTracker.TestSupport.Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        WsisTracker.TestSupport.Totp.KeysByEmail[Login!.Email] = key;
        return await ParseAsync(enabled);
    }

    public static List<KeyValuePair<string, string>> ReadFields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, textarea, select"))
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "submit" or "button":
                    break;
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add(new(name, input.Value));
                    }

                    break;
                case IHtmlInputElement input:
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    var selected = select.Options.Where(o => o.IsSelected).ToList();
                    if (selected.Count == 0 && !select.IsMultiple && select.Options.Length > 0)
                    {
                        selected.Add(select.Options[0]!);
                    }

                    fields.AddRange(selected.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }

        return fields;
    }

    public void Dispose() => http.Dispose();
}
