using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dce.KubeSim.Security;

namespace Dce.KubeSim.Tls;

/// <summary>
/// The self-signed certificate KubeSim serves HTTPS with. kubectl sends bearer tokens only over TLS, so every
/// kubeconfig points at the HTTPS address and carries this certificate as its certificate authority.
/// </summary>
public sealed class ServingCertificate
{
    private const string FileName = "serving-certificate.pfx";

    public ServingCertificate()
        : this(Create())
    {
    }

    private ServingCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        PemBase64 = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(Certificate.ExportCertificatePem()));
    }

    /// <summary>
    /// The certificate kept in <paramref name="stateDirectory"/>, so kubeconfigs handed out before a restart still trust
    /// the server after it; a new one (then kept) when there is none or it expires within a month.
    /// </summary>
    public static ServingCertificate LoadOrCreate(string? stateDirectory)
    {
        if (string.IsNullOrEmpty(stateDirectory))
        {
            return new ServingCertificate();
        }
        var path = Path.Combine(stateDirectory, FileName);
        if (File.Exists(path))
        {
            var kept = X509CertificateLoader.LoadPkcs12FromFile(path, null);
            if (kept.HasPrivateKey && kept.NotAfter > DateTime.Now.AddDays(30))
            {
                return new ServingCertificate(kept);
            }
            kept.Dispose();
        }
        var created = Create();
        PrivateFile.CreateFolder(stateDirectory);
        PrivateFile.WriteDurably(path, created.Export(X509ContentType.Pkcs12));
        return new ServingCertificate(created);
    }

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubesim", key, HashAlgorithmName.SHA256);
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
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate as kubeconfig's <c>certificate-authority-data</c> wants it: base64 of the PEM.</summary>
    public string PemBase64 { get; }
}
