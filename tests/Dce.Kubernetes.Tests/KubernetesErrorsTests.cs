using System.Net;
using Dce.Kubernetes.Errors;
using k8s.Autorest;
using YamlDotNet.Core;

namespace Dce.Kubernetes.Tests;

public sealed class KubernetesErrorsTests
{
    private static HttpOperationException Refusal(HttpStatusCode code, string body) => new("refused")
    {
        Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), body),
    };

    [Fact]
    public void Quota_refusal_keeps_the_cluster_status_and_message()
    {
        const string status = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
             "message":"pods \"web-1\" is forbidden: exceeded quota: quota, requested: pods=1, used: pods=2, limited: pods=2"}
            """;

        var failure = KubernetesErrors.Describe(Refusal(HttpStatusCode.Forbidden, status), "c1");

        Assert.Equal(403, failure.StatusCode);
        Assert.Contains("exceeded quota", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_status_bodies_fall_back_to_the_http_code()
    {
        var failure = KubernetesErrors.Describe(Refusal(HttpStatusCode.UnprocessableEntity, "<html>"), "c1");

        Assert.Equal(422, failure.StatusCode);
    }

    [Fact]
    public void Transport_failures_and_yaml_errors_are_503_and_400()
    {
        Assert.Equal(503, KubernetesErrors.Describe(new HttpRequestException("connection refused"), "edge").StatusCode);
        Assert.Contains("edge", KubernetesErrors.Describe(new TaskCanceledException("timeout"), "edge").Message, StringComparison.Ordinal);
        Assert.Equal(400, KubernetesErrors.Describe(new YamlException("bad"), "edge").StatusCode);
    }
}
