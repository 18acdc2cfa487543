using System.Globalization;
using Microsoft.Extensions.Localization;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// In the pseudo-locale, wraps every string the resources give in ⟦ ⟧, so text a page writes without the localizer
/// stands out (the untranslated-text test reads pages this way). Other cultures pass through unchanged.
/// </summary>
public sealed class PseudoLocalizerFactory(IStringLocalizerFactory inner) : IStringLocalizerFactory
{
    public IStringLocalizer Create(Type resourceSource) => new PseudoLocalizer(inner.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => new PseudoLocalizer(inner.Create(baseName, location));

    public static bool Active => CultureInfo.CurrentUICulture.Name.Equals(Cultures.Pseudo, StringComparison.OrdinalIgnoreCase);

    public static string Wrap(string value) => $"{Cultures.PseudoStart}{value}{Cultures.PseudoEnd}";

    private sealed class PseudoLocalizer(IStringLocalizer inner) : IStringLocalizer
    {
        public LocalizedString this[string name] => Mark(inner[name]);

        public LocalizedString this[string name, params object[] arguments] => Mark(inner[name, arguments]);

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

        private static LocalizedString Mark(LocalizedString value) =>
            Active ? new LocalizedString(value.Name, Wrap(value.Value), value.ResourceNotFound, value.SearchedLocation) : value;
    }
}
