using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WsisTracker.IntegrationTests.Infrastructure;

namespace WsisTracker.IntegrationTests.Secretariat;

[Collection(AppCollection.Name)]
public sealed class AntiforgeryScopeTests(WsisTrackerFactory app)
{
    [Fact]
    public void PageControllers_ValidateAntiforgery_AndApiControllersDoNot()
    {
        var actions = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>().ToList();
        static bool Validates(ControllerActionDescriptor a) => a.FilterDescriptors.Any(f => f.Filter is AutoValidateAntiforgeryTokenAttribute);
        static bool IsApi(ControllerActionDescriptor a) => a.ControllerTypeInfo.IsDefined(typeof(ApiControllerAttribute), inherit: true);

        var api = actions.Where(IsApi).ToList();
        static bool Exempt(ControllerActionDescriptor a) => a.ControllerTypeInfo.IsDefined(typeof(IgnoreAntiforgeryTokenAttribute), inherit: true);
        var pages = actions.Where(a => !IsApi(a) && !Exempt(a)).ToList();

        // Only the error handler is exempt: it re-executes an already failed request, with that request's method.
        Assert.Equal(["Error"], actions.Where(Exempt).Select(a => a.ControllerName).Distinct());

        Assert.NotEmpty(api);
        Assert.DoesNotContain(api, Validates);
        Assert.Contains(pages, a => a.ControllerName == "Commitments" && a.RouteValues.TryGetValue("area", out var area) && area == "Workspace");
        Assert.All(pages, a => Assert.True(Validates(a), $"{a.DisplayName} does not validate antiforgery tokens"));
    }
}
