using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dce.LocalServers;

namespace Dce.AppHost.Hosting;

/// <summary>
/// The certificate the local gateway serves HTTPS with: self-signed for localhost and the loopback addresses, kept in the
/// state folder (<c>gateway/tls.crt</c>, <c>gateway/tls.key</c> readable by its owner only) so kubeconfigs written before a
/// restart still trust it; a new one when there is none or it expires within a month. Clients trust it as their
/// certificate authority.
/// </summary>
public sealed class GatewayCertificate
{
    private GatewayCertificate(string certificatePath, string keyPath, string pem)
    {
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        Pem = pem;
    }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>The certificate in PEM, as a kubeconfig's <c>certificate-authority-data</c> carries it (base64 of this).</summary>
    public string Pem { get; }

    public static GatewayCertificate LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        var certificatePath = Path.Combine(folder, "tls.crt");
        var keyPath = Path.Combine(folder, "tls.key");
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            using var kept = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (kept.NotAfter > DateTime.Now.AddDays(30))
            {
                return new GatewayCertificate(certificatePath, keyPath, File.ReadAllText(certificatePath));
            }
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=dce-gateway", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Dns.GetHostName());
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        var pem = created.ExportCertificatePem();
        PrivateFile.Write(keyPath, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certificatePath, pem);
        return new GatewayCertificate(certificatePath, keyPath, pem);
    }
}
