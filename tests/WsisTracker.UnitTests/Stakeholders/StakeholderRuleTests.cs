using WsisTracker.Core.Stakeholders;

namespace WsisTracker.UnitTests.Stakeholders;

/// <summary>Decision 133: a government names its country; a collective stakeholder names none.</summary>
public sealed class StakeholderRuleTests
{
    [Theory]
    [InlineData(StakeholderGroup.Governments, "KEN", false, null)]
    [InlineData(StakeholderGroup.Governments, null, true, null)]
    [InlineData(StakeholderGroup.Governments, "  ", false, "names its country")]
    [InlineData(StakeholderGroup.Governments, null, false, "names its country")]
    [InlineData(StakeholderGroup.Governments, "KEN", true, "names no country")]
    [InlineData(StakeholderGroup.CivilSociety, null, false, null)]
    [InlineData(StakeholderGroup.CivilSociety, "KEN", false, null)]
    [InlineData(StakeholderGroup.CivilSociety, null, true, null)]
    [InlineData(StakeholderGroup.PrivateSector, "KEN", true, "names no country")]
    [InlineData(StakeholderGroup.Governments, "Kenya", false, "ISO 3166-1 alpha-3")]
    public void Validate_TiesAGovernmentToItsCountry(StakeholderGroup group, string? country, bool collective, string? error)
    {
        var result = StakeholderWrites.Validate(new StakeholderInput("Name", null, group, country, null, collective));

        if (error is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.NotNull(result);
            var message = Assert.Single(Assert.Single(result.FieldErrors!, e => e.Key == "countryCode").Value);
            Assert.Contains(error, message, StringComparison.Ordinal);
        }
    }
}
