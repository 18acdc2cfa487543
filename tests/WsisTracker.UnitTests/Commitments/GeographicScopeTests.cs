using WsisTracker.Core.Commitments;
using WsisTracker.Core.Common;

namespace WsisTracker.UnitTests.Commitments;

public sealed class GeographicScopeTests
{
    private static readonly HashSet<string> Regions = ["002", "034", "142"];
    private static readonly HashSet<string> Countries = ["KEN", "PER", "BTN"];

    private static (GeographicScope? Scope, IReadOnlyDictionary<string, string[]> Errors) Validate(GeographicScopeKind? kind, string[]? regions = null, string[]? countries = null)
    {
        var errors = new FieldErrors();
        var scope = GeographicScope.Validate(new GeographicScopeInput(kind, regions, countries), Regions.Contains, Countries.Contains, errors);
        return (scope, errors.Any ? errors.ToError().FieldErrors! : new Dictionary<string, string[]>());
    }

    [Fact]
    public void Global_WithoutCodes_IsGlobal()
    {
        var (scope, errors) = Validate(GeographicScopeKind.Global, [], [" "]);

        Assert.Empty(errors);
        Assert.Equal(GeographicScopeKind.Global, scope!.Kind);
        Assert.Empty(scope.Regions);
        Assert.Empty(scope.Countries);
    }

    [Fact]
    public void Global_WithCodes_IsRejected()
    {
        var (scope, errors) = Validate(GeographicScopeKind.Global, ["002"]);

        Assert.Null(scope);
        Assert.Equal(["A global scope names no region and no country."], errors[GeographicScope.RegionsField]);
    }

    [Fact]
    public void National_CodesAreTrimmedUpperCasedDistinctAndSorted()
    {
        var (scope, errors) = Validate(GeographicScopeKind.National, countries: [" per", "KEN", "ken ", ""]);

        Assert.Empty(errors);
        Assert.Equal(["KEN", "PER"], scope!.Countries);
        Assert.Empty(scope.Regions);
    }

    [Fact]
    public void National_WithAnUnknownCountry_IsRejectedNamingIt()
    {
        var (scope, errors) = Validate(GeographicScopeKind.National, countries: ["KEN", "XYZ", "KENYA"]);

        Assert.Null(scope);
        Assert.Equal(2, errors[GeographicScope.CountriesField].Length);
        Assert.Contains(errors[GeographicScope.CountriesField], m => m.StartsWith("'XYZ' is not a country", StringComparison.Ordinal));
    }

    [Fact]
    public void National_WithoutCountries_OrWithRegions_IsRejected()
    {
        var (none, noneErrors) = Validate(GeographicScopeKind.National);
        var (mixed, mixedErrors) = Validate(GeographicScopeKind.National, ["002"], ["KEN"]);

        Assert.Null(none);
        Assert.Equal(["A national scope names at least one country."], noneErrors[GeographicScope.CountriesField]);
        Assert.Null(mixed);
        Assert.Equal(["A national scope names countries, not regions."], mixedErrors[GeographicScope.RegionsField]);
    }

    [Fact]
    public void Regional_WithKnownRegions_IsRegional_AndWithoutRegions_IsRejected()
    {
        var (scope, errors) = Validate(GeographicScopeKind.Regional, ["034", " 002", "034"]);
        var (none, noneErrors) = Validate(GeographicScopeKind.Regional, countries: ["KEN"]);

        Assert.Empty(errors);
        Assert.Equal(["002", "034"], scope!.Regions);
        Assert.Null(none);
        Assert.Equal(["A regional scope names at least one M49 region."], noneErrors[GeographicScope.RegionsField]);
        Assert.Equal(["A regional scope names regions, not countries."], noneErrors[GeographicScope.CountriesField]);
    }

    [Fact]
    public void Regional_WithTheWorldOrAnUnknownCode_IsRejected()
    {
        var (scope, errors) = Validate(GeographicScopeKind.Regional, ["001", "africa"]);

        Assert.Null(scope);
        Assert.Equal(2, errors[GeographicScope.RegionsField].Length);
    }

    [Fact]
    public void NoKind_IsRejected()
    {
        var (scope, errors) = Validate(null);

        Assert.Null(scope);
        Assert.Equal(["Choose a geographic scope: global, regional or national."], errors[GeographicScope.KindField]);
    }

    [Fact]
    public void MoreCodesThanTheLimit_AreRejected()
    {
        var many = Enumerable.Range(0, Limits.ScopeCodes + 1).Select(i => $"{i:D3}").ToArray();
        var errors = new FieldErrors();

        var scope = GeographicScope.Validate(new GeographicScopeInput(GeographicScopeKind.Regional, many, null), _ => true, _ => true, errors);

        Assert.Null(scope);
        Assert.Contains($"At most {Limits.ScopeCodes} codes.", errors.ToError().FieldErrors![GeographicScope.RegionsField]);
    }
}
