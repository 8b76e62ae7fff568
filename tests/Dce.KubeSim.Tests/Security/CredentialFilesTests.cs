using System.Net;
using System.Runtime.Versioning;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Security;

[Collection(KubeSimCollection.Name)]
[Trait("Category", "Security")]
[UnsupportedOSPlatform("windows")]
public sealed class CredentialFilesTests(KubeSimServer server)
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public void Kubeconfigs_and_their_folder_are_readable_by_their_owner_only()
    {
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(server.KubeconfigPath()));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(server.KubeconfigDirectory));
        Assert.Empty(Directory.GetFiles(server.KubeconfigDirectory, "*.tmp"));
    }

    [Theory]
    [InlineData("Bearer wrong")]
    [InlineData("Bearer ")]
    [InlineData("")]
    public async Task A_wrong_or_missing_token_is_refused_by_the_cluster_and_the_admin_api(string authorization)
    {
        using var http = server.Http();
        if (authorization.Length > 0)
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var cluster = await http.GetAsync($"/clusters/{KubeSimServer.Cluster}/api/v1/namespaces");
        var admin = await http.GetAsync("/sim/clusters");

        Assert.Equal(HttpStatusCode.Unauthorized, cluster.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
    }
}
