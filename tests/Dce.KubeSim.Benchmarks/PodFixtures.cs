using System.Text.Json.Nodes;

namespace Dce.KubeSim.Benchmarks;

/// <summary>Objects shaped like those a Deployment produces, for filling a cluster quickly.</summary>
public static class PodFixtures
{
    public static JsonObject Deployment(string name, int replicas) => (JsonObject)JsonNode.Parse($$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{name}}}","labels":{"app":"{{{name}}}"}},
         "spec":{"replicas":{{{replicas}}},"selector":{"matchLabels":{"app":"{{{name}}}"}},
           "strategy":{"rollingUpdate":{"maxSurge":"100%","maxUnavailable":"100%"}},
           "template":{"metadata":{"labels":{"app":"{{{name}}}"}},
             "spec":{"containers":[{"name":"app","image":"nginx:1.27","ports":[{"containerPort":80}],
               "env":[{"name":"MODE","value":"benchmark"}],"resources":{"requests":{"cpu":"10m","memory":"16Mi" } } }]} } } }
        """)!;

    /// <summary>A running pod bound to a node that does not exist, so no controller touches it.</summary>
    public static JsonObject ParkedPod(string name, int index) => (JsonObject)JsonNode.Parse($$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","labels":{"app":"parked","shard":"s{{{index % 1000}}}"}},
         "spec":{"nodeName":"parked-node-{{{index % 100}}}","containers":[{"name":"app","image":"nginx:1.27","ports":[{"containerPort":80}],
           "env":[{"name":"MODE","value":"benchmark"}],"resources":{"requests":{"cpu":"10m","memory":"16Mi" } } }]},
         "status":{"phase":"Running","podIP":"10.1.{{{index / 250 % 250}}}.{{{index % 250}}}","hostIP":"10.0.0.{{{index % 100}}}"}}
        """)!;
}
