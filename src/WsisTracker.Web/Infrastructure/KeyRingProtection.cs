using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace WsisTracker.Web.Infrastructure;

/// <summary>
/// Encrypts the Data Protection key ring stored in PostgreSQL with the X.509 certificate (a PKCS#12 file with its
/// private key) named by <c>DataProtection:Certificate:Path</c> and <c>:Password</c>, so a database dump alone cannot
/// mint staff cookies or antiforgery tokens (decision 048). Keys written before a certificate was configured stay
/// readable; new keys are encrypted. Without a certificate the keys are stored in clear: quietly in Development, with
/// a warning at every start anywhere else.
/// </summary>
public static class KeyRingProtection
{
    public const string UnencryptedWarning =
        "The Data Protection key ring is stored unencrypted in the database: anyone with a dump can forge staff sign-ins. Set DataProtection:Certificate:Path and :Password (docs/operations.md).";

    public static void ProtectKeys(this IDataProtectionBuilder dataProtection, IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration["DataProtection:Certificate:Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!environment.IsDevelopment())
            {
                dataProtection.Services.AddHostedService<UnencryptedKeyRingWarning>();
            }

            return;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:Certificate:Path names '{path}', which does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:Certificate:Password"], X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The Data Protection certificate '{path}' has no private key: the key ring could not be read back.");
        }

        dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
    }

    private sealed class UnencryptedKeyRingWarning(ILogger<UnencryptedKeyRingWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(UnencryptedWarning);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
