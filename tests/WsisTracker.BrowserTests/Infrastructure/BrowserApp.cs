using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Auditing;
using WsisTracker.Core.Commitments;
using WsisTracker.TestSupport;

namespace WsisTracker.BrowserTests.Infrastructure;

/// <summary>
/// The real app served by Kestrel on a loopback port, against a throwaway PostgreSQL that the app migrates and seeds,
/// and Debian's Chromium driven by Playwright (no browser download). One per test collection.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    /// <summary>The flags every run uses: headless, and no network traffic of Chromium's own.</summary>
    public static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public const string ChromiumPath = "/usr/bin/chromium";

    private PostgresServer? _postgres;
    private KestrelFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string AxeSource { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium package (scripts/test.sh does).");
        AxeSource = await File.ReadAllTextAsync(ToolsFile("axe-core/axe.min.js"));
        _postgres = await PostgresServer.StartAsync();
        _factory = new KestrelFactory(_postgres.ConnectionStringForNewDatabase("wsis_browser"));
        _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Args = ChromiumArgs, Headless = true });
    }

    /// <summary>A fresh browser context and page on the app; dispose the context after the test.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        return (context, await context.NewPageAsync());
    }

    /// <summary>
    /// Creates a staff account of <paramref name="role"/> through the app's own <see cref="StaffAccounts"/>, with a
    /// unique e-mail address and a password made for this run: there is no default account to sign in with.
    /// </summary>
    public async Task<StaffLogin> CreateStaffUserAsync(string role)
    {
        var email = $"browser-{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var password = $"correct horse {Guid.NewGuid():N}";
        await using var scope = _factory!.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, role, password);
        Assert.True(created.Succeeded, created.Error?.Message);
        return new StaffLogin(email, password, role);
    }

    /// <summary>Creates a contributor account, focal point of <paramref name="stakeholders"/>, as <c>users add --role Contributor --stakeholder</c> does.</summary>
    public async Task<StaffLogin> CreateContributorAsync(params string[] stakeholders)
    {
        var email = $"browser-contributor-{Guid.NewGuid():N}@example.org";
        var password = $"correct horse {Guid.NewGuid():N}";
        await using var scope = _factory!.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, StaffRoles.Contributor, password, stakeholders);
        Assert.True(created.Succeeded, created.Error?.Message);
        return new StaffLogin(email, password, StaffRoles.Contributor);
    }

    /// <summary>Imports a resolution of the parser's corpus (<c>tests/WsisTracker.UnitTests/Resolutions/Corpus</c>) through the import service the admin page uses; returns its slug.</summary>
    public async Task<string> ImportCorpusResolutionAsync(string fileName)
    {
        var text = await File.ReadAllTextAsync(RepositoryFile(Path.Combine("tests", "WsisTracker.UnitTests", "Resolutions", "Corpus", fileName)));
        await using var scope = _factory!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("browser-tests", ActorKind.System);
        var imported = await scope.ServiceProvider.GetRequiredService<WsisTracker.Core.Resolutions.ResolutionImporter>().ImportAsync(text, CancellationToken.None);
        Assert.True(imported.Succeeded, imported.Error?.Message);
        return imported.Value!;
    }

    /// <summary>Invites <paramref name="email"/> through the app's own <see cref="Invitations"/>, as an administrator would, and returns the link it shows.</summary>
    public async Task<string> CreateInvitationAsync(string email, string role, IReadOnlyList<string> stakeholders)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<Invitations>().CreateAsync(email, role, stakeholders, "browser-tests", CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return $"/account/invitation?token={created.Value!.Token}";
    }

    /// <summary>Creates a commitment with a unique title (70/125 paragraph 63, action line C1, ITU as lead), as a system task.</summary>
    public async Task<CommitmentDetail> CreateCommitmentAsync()
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ActorContext>().Set("browser-tests", ActorKind.System);
        var input = new CommitmentInput(
            $"Browser test commitment {Guid.NewGuid():N}",
            "Arranged by a browser test.",
            [new ParagraphKey("a-res-70-125", 63)],
            ["C1"],
            ["itu"],
            [],
            new DateOnly(2030, 12, 31),
            null,
            ReportingCadence.Annual,
            []);
        var created = await scope.ServiceProvider.GetRequiredService<CommitmentWrites>().CreateAsync(input, CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value;
    }

    /// <summary>A fresh browser context signed in as <paramref name="login"/> through the real sign-in form.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewSignedInPageAsync(StaffLogin login)
    {
        var (context, page) = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.SignInAsync(login);
        return (context, page);
    }

    /// <summary>
    /// A fresh browser context of a new administrator who signed in and turned two-factor sign-in on, as every
    /// administrator must before the staff pages open (it ends on the recovery codes).
    /// </summary>
    public async Task<(IBrowserContext Context, IPage Page, StaffLogin Admin)> NewSignedInAdministratorPageAsync()
    {
        var admin = await CreateStaffUserAsync(StaffRoles.Administrator);
        var (context, page) = await NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(admin.Email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(admin.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account/two-factor**");
        var key = (await page.Locator("#authenticator-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("Code", new PageGetByLabelOptions { Exact = true }).FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Recovery codes");
        return (context, page, admin);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>A file of the checkout, found upwards from the test's output folder.</summary>
    private static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{relative} is not in the checkout.");
    }

    /// <summary>A file of the npm test tools that scripts/test.sh installs into tools/node_modules.</summary>
    private static string ToolsFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "node_modules", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tools/node_modules/{relative} is missing: run scripts/test.sh (or `npm ci` in tools/) to install the test tools.");
    }

    private sealed class KestrelFactory(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:WsisTracker", connectionString);
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");

            // Kestrel serves plain HTTP on loopback here, so the Production HTTPS rules (decision 048) are relaxed.
            builder.UseSetting("Security:AllowPlainHttp", "true");

            // Every walk signs in from 127.0.0.1, more than ten times a minute on a fast machine; the sign-in limit itself
            // is proven by the integration suite's RateLimitTests, not here.
            builder.UseSetting("RateLimiting:SignInPermitLimitPerAddress", "1000");
        }
    }
}

public sealed record StaffLogin(string Email, string Password, string Role);

/// <summary>What a staff member does in the browser, written once for every test.</summary>
public static class StaffPages
{
    /// <summary>Fills the sign-in form the page shows, by its labels, and waits for the workspace it leads to.</summary>
    public static async Task SignInAsync(this IPage page, StaffLogin login)
    {
        await page.GetByLabel("Email", new PageGetByLabelOptions { Exact = true }).FillAsync(login.Email);
        await page.GetByLabel("Password", new PageGetByLabelOptions { Exact = true }).FillAsync(login.Password);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sign in" }).ClickAsync();
        await page.WaitForPageAsync("**/workspace");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
