using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.Core.Commitments;
using WsisTracker.Core.Email;
using WsisTracker.Core.Reporting;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.IntegrationTests.Reporting;

namespace WsisTracker.IntegrationTests.Email;

/// <summary>
/// E-mails in the recipient's language (decision 130), through the app's worker and a real SMTP server: each person's
/// message is written in the language of their account, with the links to the pages in that language, while the
/// others of the same event get theirs in their own; the account page sets the language and refuses any other.
/// </summary>
[Collection(EmailCollection.Name)]
public sealed class MailLanguageTests(EmailFactory app)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReportReturned_ToAFrenchContributor_IsInFrench_WithTheFrenchPages_AndTheEnglishReviewersStayInEnglish()
    {
        var (slug, commitmentId) = await app.CreateLedCommitmentAsync();
        var reviewer = await app.CreateUserAsync(StaffRoles.Secretariat);
        var contributor = await app.CreateContributorAsync(slug);
        await SetCultureAsync(contributor.UserId, "fr");
        var code = await app.WithDbAsync(db => db.Commitments.Where(c => c.Id == commitmentId).Select(c => c.Code).SingleAsync());

        var submitted = await app.SubmittedReportAsync(contributor, commitmentId, WsisTrackerFactory.OnTrack(25, "Deux projets pilotes."));
        await TestSmtpServer.WaitUntilAsync(() => Task.FromResult(app.Smtp.To(reviewer.Email).Count > 0), Patience, "the reviewer's message");
        var toReview = Assert.Single(app.Smtp.To(reviewer.Email));
        Assert.StartsWith("A progress report to review: ", toReview.Subject, StringComparison.Ordinal);
        Assert.Contains($"{EmailFactory.BaseUrl}/workspace/reviews/{submitted.Id}", toReview.TextBody, StringComparison.Ordinal);

        var returned = await app.ReportsAsync(r => r.ReturnAsync(WsisTrackerFactory.Reviewer(), submitted.Id, "Nommez les deux pays.", submitted.Version, CancellationToken.None));
        Assert.True(returned.Succeeded, returned.Error?.Message);
        await TestSmtpServer.WaitUntilAsync(() => Task.FromResult(app.Smtp.To(contributor.Login.Email).Count > 0), Patience, "the contributor's message");
        var back = Assert.Single(app.Smtp.To(contributor.Login.Email));

        Assert.Equal($"Votre rapport sur {code} a été renvoyé", back.Subject);
        var body = back.TextBody;
        Assert.Contains("Le secrétariat a renvoyé le rapport d'avancement de", body, StringComparison.Ordinal);
        Assert.Contains("Nommez les deux pays.", body, StringComparison.Ordinal);
        Assert.Contains("Révisez le rapport et soumettez-le à nouveau.", body, StringComparison.Ordinal);
        Assert.Contains($"Pour agir : {EmailFactory.BaseUrl}/fr/contribute/commitments/{commitmentId}/report", body, StringComparison.Ordinal);
        Assert.Contains("Pourquoi vous recevez ce message : Vous êtes un point focal de", body, StringComparison.Ordinal);
        Assert.Contains($"désactivez-les sur la page de votre compte : {EmailFactory.BaseUrl}/fr/account", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Act on it", body, StringComparison.Ordinal);
        Assert.Equal("fr", await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientUserId == contributor.UserId).Select(m => m.Culture).SingleAsync()));
    }

    [Fact]
    public async Task CycleOpened_ToRussianAndArabicContributors_CountsInTheirPluralForms_AndDatesInTheirWords()
    {
        var marker = $"ml{Guid.NewGuid():N}"[..14];
        var lead = await ReportingArrange.StakeholderAsync(app, $"Multilingual lead {marker}");
        await ReportingArrange.CommitmentAsync(app, $"{marker} first", ReportingCadence.Annual, lead.Slug, "C4");
        await ReportingArrange.CommitmentAsync(app, $"{marker} second", ReportingCadence.Annual, lead.Slug, "C4");
        var russian = await app.CreateContributorAsync(lead.Slug);
        var arabic = await app.CreateContributorAsync(lead.Slug);
        var chinese = await app.CreateContributorAsync(lead.Slug);
        await SetCultureAsync(russian.UserId, "ru");
        await SetCultureAsync(arabic.UserId, "ar");
        await SetCultureAsync(chinese.UserId, "zh");
        var dueOn = app.Clock.Today.AddDays(30);
        using var writer = await app.CreateWriterAsync();
        var cycleName = $"Cycle {marker}";
        await EmailFactory.OpenCycleAsync(writer, new { name = cycleName, opensOn = app.Clock.Today.AddDays(-1), dueOn, stakeholder = lead.Slug });

        var ru = await app.SentReminderAsync(russian, ReminderKinds.CycleOpened);
        var ruDate = dueOn.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("ru"));
        Assert.Equal($"Открыт отчётный цикл: {cycleName}, срок представления отчётов — {ruDate} г.", ru.Subject);
        Assert.Contains("представить отчёт о ходе работы (в цикле: 2 обязательства):", ru.TextBody, StringComparison.Ordinal);
        Assert.Contains($" {marker} first\n", ru.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"{EmailFactory.BaseUrl}/ru/contribute", ru.TextBody, StringComparison.Ordinal);

        var ar = await app.SentReminderAsync(arabic, ReminderKinds.CycleOpened);
        Assert.StartsWith("دورة إبلاغ مفتوحة: ", ar.Subject, StringComparison.Ordinal);
        Assert.Contains("عن الالتزامات التالية (التزامان):", ar.TextBody, StringComparison.Ordinal);
        Assert.Contains(dueOn.ToString("MMMM", CultureInfo.GetCultureInfo("ar")), ar.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{EmailFactory.BaseUrl}/ar/account", ar.TextBody, StringComparison.Ordinal);

        var zh = await app.SentReminderAsync(chinese, ReminderKinds.CycleOpened);
        Assert.Contains($"{dueOn.Year}年{dueOn.Month}月{dueOn.Day}日", zh.Subject, StringComparison.Ordinal);
        Assert.Contains("就2 项承诺提交进展报告", zh.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_SetsTheLanguageOfTheEmails_AndRefusesAnyOtherWithAFormError()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var person = await app.SignInAsync(login);
        var page = await person.GetPageAsync("/account");
        Assert.Equal("en", ((AngleSharp.Html.Dom.IHtmlSelectElement)page.GetElementById("Culture")!).Value);

        using (var saved = await person.SubmitAsync(page, "/account/language", new Dictionary<string, object?> { ["Culture"] = "es" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        page = await person.GetPageAsync("/account");
        Assert.Equal("es", ((AngleSharp.Html.Dom.IHtmlSelectElement)page.GetElementById("Culture")!).Value);
        Assert.Contains("Español", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("es", await CultureAsync(login.Email));

        var french = await person.GetPageAsync("/fr/account");
        using (var refused = await person.SubmitAsync(french, "/fr/account/language", new Dictionary<string, object?> { ["Culture"] = "de" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var shown = await PageClient.ParseAsync(refused);
            Assert.Equal("Choisissez l'une des six langues.", shown.QuerySelector("#Culture ~ .field-error")!.TextContent.Trim());
            Assert.Equal("fr", shown.DocumentElement.GetAttribute("lang"));
        }

        Assert.Equal("es", await CultureAsync(login.Email));
        Assert.True(await AddReminderAsync(login.Email));
        Assert.Equal("es", await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.ToAddress == login.Email).Select(m => m.Culture).SingleAsync()));
    }

    private Task SetCultureAsync(string userId, string culture) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Culture, culture)));

    private Task<string> CultureAsync(string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Culture).SingleAsync());

    private Task<bool> AddReminderAsync(string email) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var added = Outbox.AddReminder(db, user, culture => new Reminder("test", MailText.Get(culture, "Reports overdue: {0}"), "Body.", "A test.", "/workspace", Culture: culture));
            await db.SaveChangesAsync();
            return added;
        });
}
