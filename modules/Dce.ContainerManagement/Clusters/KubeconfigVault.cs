using Microsoft.AspNetCore.DataProtection;

namespace Dce.ContainerManagement.Clusters;

/// <summary>Keeps kubeconfigs encrypted at rest with ASP.NET Data Protection, whose key ring lives in the module's database.</summary>
public sealed class KubeconfigVault(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("kpanda.kubeconfig");

    public string Protect(string kubeconfig) => _protector.Protect(kubeconfig);

    public string Unprotect(string protectedKubeconfig) => _protector.Unprotect(protectedKubeconfig);
}
