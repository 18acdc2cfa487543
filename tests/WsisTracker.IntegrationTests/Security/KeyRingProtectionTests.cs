using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using WsisTracker.Core.Accounts;
using WsisTracker.IntegrationTests.Infrastructure;
using WsisTracker.Web.Infrastructure;

namespace WsisTracker.IntegrationTests.Security;

/// <summary>An app of its own whose key ring is encrypted with a self-signed certificate made for the run.</summary>
public sealed class EncryptedKeyRingFactory : WsisTrackerFactory
{
    public const string Password = "test certificate password";

    public string CertificatePath { get; } = MakeCertificate();

    protected override IEnumerable<(string Key, string Value)> Settings() =>
        [("DataProtection:Certificate:Path", CertificatePath), ("DataProtection:Certificate:Password", Password)];

    private static string MakeCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=WSIS Tracker key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(Path.GetTempPath(), $"wsis-keyring-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}

[Collection(AppCollection.Name)]
public sealed class KeyRingProtectionTests(EncryptedKeyRingFactory app) : IClassFixture<EncryptedKeyRingFactory>
{
    [Fact]
    public async Task KeyRing_WithACertificateConfigured_IsStoredEncrypted_AndStillSignsIn()
    {
        var login = await app.CreateUserAsync(StaffRoles.Secretariat);
        using var client = await app.SignInAsync(login);
        await client.GetPageAsync("/workspace");

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(app.Logs.Lines, m => m.Contains(KeyRingProtection.UnencryptedWarning, StringComparison.Ordinal));
    }
}

[Collection(AppCollection.Name)]
public sealed class UnencryptedKeyRingTests(WsisTrackerFactory app)
{
    [Fact]
    public void KeyRing_WithoutACertificateInProduction_IsWarnedAboutAtStart() =>
        Assert.Contains(app.Logs.Lines, m => m.Contains(KeyRingProtection.UnencryptedWarning, StringComparison.Ordinal));
}
