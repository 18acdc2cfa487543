using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;
using WsisTracker.Core.Reports;

namespace WsisTracker.UnitTests.Reports;

/// <summary>How a report's <c>countries</c> and <c>scope</c> make one scope (decision 131).</summary>
public sealed class ReportScopeTests
{
    private static (GeographicScopeInput? Scope, bool FromCountries, IReadOnlyDictionary<string, string[]> Errors) ScopeOf(IReadOnlyList<string>? countries, GeographicScopeInput? scope)
    {
        var errors = new FieldErrors();
        var input = new ReportInput(CommitmentStatus.OnTrack, 10, null, null, new DateOnly(2026, 6, 30), countries) { Scope = scope };
        var made = ReportContent.ScopeOf(input, errors);
        return (made?.Scope, made?.FromCountries ?? false, errors.Any ? errors.ToError().FieldErrors! : new Dictionary<string, string[]>());
    }

    [Fact]
    public void Neither_IsGlobal()
    {
        var (scope, fromCountries, errors) = ScopeOf(null, null);

        Assert.Empty(errors);
        Assert.Equal((GeographicScopeKind.Global, false), (scope!.Kind, fromCountries));
    }

    [Fact]
    public void CountriesAlone_AreANationalScope_AndBlankOnesAGlobalOne()
    {
        var (national, fromCountries, _) = ScopeOf(["ken", "PER"], null);
        Assert.Equal((GeographicScopeKind.National, true), (national!.Kind, fromCountries));
        Assert.Equal(["ken", "PER"], national.Countries);

        var (blank, blankFromCountries, errors) = ScopeOf([" ", ""], null);
        Assert.Empty(errors);
        Assert.Equal((GeographicScopeKind.Global, false), (blank!.Kind, blankFromCountries));
    }

    [Fact]
    public void AScopeAlone_IsTheScope()
    {
        var given = new GeographicScopeInput(GeographicScopeKind.Regional, ["002"], null);

        var (scope, fromCountries, errors) = ScopeOf(null, given);

        Assert.Empty(errors);
        Assert.Same(given, scope);
        Assert.False(fromCountries);
    }

    [Theory]
    [InlineData(new[] { "per", " KEN", "KEN" }, GeographicScopeKind.National, new[] { "KEN", "PER" })]
    [InlineData(new string[0], GeographicScopeKind.Regional, new string[0])]
    [InlineData(new string[0], GeographicScopeKind.Global, new string[0])]
    public void BothAgreeing_AreTheScope(string[] countries, GeographicScopeKind kind, string[] scopeCountries)
    {
        var (scope, _, errors) = ScopeOf(countries, new GeographicScopeInput(kind, kind == GeographicScopeKind.Regional ? ["002"] : null, scopeCountries));

        Assert.Empty(errors);
        Assert.Equal(kind, scope!.Kind);
    }

    [Theory]
    [InlineData(new[] { "KEN" }, GeographicScopeKind.National, new[] { "PER" })]
    [InlineData(new[] { "KEN" }, GeographicScopeKind.National, new[] { "KEN", "PER" })]
    [InlineData(new[] { "KEN" }, GeographicScopeKind.Regional, new string[0])]
    [InlineData(new string[0], GeographicScopeKind.National, new[] { "KEN" })]
    public void BothDisagreeing_AreRefusedUnderCountries(string[] countries, GeographicScopeKind kind, string[] scopeCountries)
    {
        var (scope, _, errors) = ScopeOf(countries, new GeographicScopeInput(kind, kind == GeographicScopeKind.Regional ? ["002"] : null, scopeCountries));

        Assert.Null(scope);
        Assert.Equal(["countries"], errors.Keys);
    }
}
