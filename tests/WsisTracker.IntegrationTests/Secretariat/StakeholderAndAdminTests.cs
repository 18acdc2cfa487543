using System.Net;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class StakeholderAndAdminTests(WsisTrackerFactory app)
{
    [Fact]
    public async Task Stakeholder_CreateAndEdit_ThroughTheForms()
    {
        var name = $"Digital rights network {Guid.NewGuid():N}";
        using var client = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var form = await client.GetPageAsync("/workspace/stakeholders/new");

        using var invalid = await client.SubmitAsync(form, "/workspace/stakeholders/new", new Dictionary<string, object?> { ["Name"] = name, ["CountryCode"] = "Kenya" });
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        var errors = await PageClient.ParseAsync(invalid);
        Assert.Contains("ISO 3166-1 alpha-3", errors.QuerySelector("#CountryCode")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("six stakeholder groups", errors.QuerySelector("#Group")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Stakeholders.AnyAsync(s => s.Name == name)));

        using var created = await client.SubmitAsync(errors, "/workspace/stakeholders/new", new Dictionary<string, object?> { ["CountryCode"] = "KEN", ["Group"] = "CivilSociety" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

        var edit = await client.GetPageAsync($"/workspace/stakeholders/{id}/edit");
        using var saved = await client.SubmitAsync(edit, $"/workspace/stakeholders/{id}/edit", new Dictionary<string, object?> { ["Acronym"] = "DRN" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("DRN", await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Id == id).Select(s => s.Acronym).SingleAsync()));
        var list = await client.GetPageAsync("/workspace/stakeholders");
        Assert.Contains($"{name} (DRN)", list.QuerySelector("table.grid")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stakeholder_EditOnAStaleVersion_ShowsTheConflict()
    {
        var stakeholder = await app.CreateStakeholderAsync();
        using var first = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        using var second = await app.CreateClientAsAsync(StaffRoles.Secretariat);
        var firstForm = await first.GetPageAsync($"/workspace/stakeholders/{stakeholder.Id}/edit");
        var secondForm = await second.GetPageAsync($"/workspace/stakeholders/{stakeholder.Id}/edit");
        using var saved = await first.SubmitAsync(firstForm, $"/workspace/stakeholders/{stakeholder.Id}/edit", new Dictionary<string, object?> { ["Acronym"] = "FIRST" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var stale = await second.SubmitAsync(secondForm, $"/workspace/stakeholders/{stakeholder.Id}/edit", new Dictionary<string, object?> { ["Acronym"] = "SECOND" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await PageClient.ParseAsync(stale);
        Assert.Contains("FIRST", conflict.QuerySelector(".conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("FIRST", await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Id == stakeholder.Id).Select(s => s.Acronym).SingleAsync()));
        using var reapplied = await second.SubmitAsync(conflict, $"/workspace/stakeholders/{stakeholder.Id}/edit");
        Assert.Equal(HttpStatusCode.Redirect, reapplied.StatusCode);
        Assert.Equal("SECOND", await app.WithDbAsync(db => db.Stakeholders.Where(s => s.Id == stakeholder.Id).Select(s => s.Acronym).SingleAsync()));
    }

    [Fact]
    public async Task Admin_CreatesAUserWhoCanSignIn_AndRefusesACommonPassword()
    {
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var page = await admin.GetPageAsync("/admin/users");
        var email = $"invited-{Guid.NewGuid():N}@example.org";

        using var refused = await admin.SubmitAsync(page, "/admin/users", new Dictionary<string, object?> { ["Email"] = email, ["Role"] = "Secretariat", ["Password"] = "123456qwerty" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("too common", (await PageClient.ParseAsync(refused)).QuerySelector("#Password")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var password = new string('p', 40) + " a long one with spaces " + new string('q', 40);
        using var created = await admin.SubmitAsync(page, "/admin/users", new Dictionary<string, object?> { ["Email"] = email, ["Role"] = "Secretariat", ["Password"] = password });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var newcomer = await app.SignInAsync(new StaffLogin(email, password, "Secretariat"));
        await newcomer.GetPageAsync("/workspace");
    }

    [Fact]
    public async Task Admin_DisablingAUser_StopsTheirSignIn_AndTheAuditLogShowsWhoDidIt()
    {
        var target = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == target.Email).Select(u => u.Id).SingleAsync());
        var page = await admin.GetPageAsync($"/admin/users/{id}");

        using var disabled = await admin.SubmitAsync(page, $"/admin/users/{id}/disable");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        using var client = app.CreatePageClient();
        using var refused = await client.TrySignInAsync(target.Email, target.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var audit = await admin.GetPageAsync($"/admin/audit?Actor={Uri.EscapeDataString(admin.Login!.Email)}&EntityType=StaffUser");
        var rows = audit.QuerySelectorAll("table.audit tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains(id, StringComparison.Ordinal) && r.Contains("DisabledAt", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("PasswordHash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_ChangesARole()
    {
        var target = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == target.Email).Select(u => u.Id).SingleAsync());
        var page = await admin.GetPageAsync($"/admin/users/{id}");

        using var changed = await admin.SubmitAsync(page, $"/admin/users/{id}/role", new Dictionary<string, object?> { ["role"] = "Administrator" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        using var promoted = await app.SignInAsync(target);
        await promoted.GetPageAsync("/admin/users");
    }

    [Fact]
    public async Task Admin_CannotDisableOrDemoteThemselves()
    {
        using var admin = await app.CreateClientAsAsync(StaffRoles.Administrator);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == admin.Login!.Email).Select(u => u.Id).SingleAsync());
        var page = await admin.GetPageAsync($"/admin/users/{id}");

        using var demoted = await admin.SubmitAsync(page, $"/admin/users/{id}/role", new Dictionary<string, object?> { ["role"] = "Secretariat" });
        using var disabled = await admin.SubmitAsync(page, $"/admin/users/{id}/disable");

        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        var after = await admin.GetPageAsync($"/admin/users/{id}");
        Assert.Contains("Role: Administrator. Active.", after.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
