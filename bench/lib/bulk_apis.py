#!/usr/bin/env python3
"""Creates N REST APIs through Turnpike's control plane with botocore (the AWS CLI's own library), in one process.

The AWS CLI costs about a second per call here (a new Python process each time); S2 needs about 4,000 calls, so this
script signs the same requests with botocore instead. Each API gets a GET method on its root resource with a MOCK
integration and a deployment to stage `prod`, so every API is compiled into the gateway snapshot. Then, as many custom
domain names (`d0000.bulk.bench.localhost` …, REGIONAL, TLS_1_2) served by one wildcard certificate issued through
Turnpike's ACM (`*.bulk.bench.localhost`), each with a base path mapping to its own API, so the routing and SNI
indexes hold 1,000 domains with their own TLS contexts (issue 6: "1,000 custom domains loaded cost ≤ 2% versus one").

usage: bulk_apis.py ENDPOINTS_JSON COUNT
"""
import json
import sys
import time

import botocore.session


def main():
    endpoints_file, count = sys.argv[1], int(sys.argv[2])
    ep = json.load(open(endpoints_file))
    session = botocore.session.Session()
    session.set_config_variable("credentials_file", ep["credentialsFile"])
    session.set_config_variable("config_file", "/dev/null")
    client = session.create_client("apigateway", region_name=ep["region"],
                                   endpoint_url="http://127.0.0.1:%d" % ep["adminPort"])
    acm = session.create_client("acm", region_name=ep["region"],
                                endpoint_url="http://127.0.0.1:%d" % ep["adminPort"])
    started = time.monotonic()
    api_ids = []
    for i in range(count):
        api = client.create_rest_api(name="bulk-%04d" % i)
        root = api["rootResourceId"]
        client.put_method(restApiId=api["id"], resourceId=root, httpMethod="GET", authorizationType="NONE")
        client.put_integration(restApiId=api["id"], resourceId=root, httpMethod="GET", type="MOCK",
                               requestTemplates={"application/json": '{"statusCode": 200}'})
        client.create_deployment(restApiId=api["id"], stageName="prod")
        api_ids.append(api["id"])
    print("created %d APIs in %.1f s" % (count, time.monotonic() - started), file=sys.stderr)
    started = time.monotonic()
    cert = acm.request_certificate(DomainName="*.bulk.bench.localhost")["CertificateArn"]
    for i, api_id in enumerate(api_ids):
        name = "d%04d.bulk.bench.localhost" % i
        client.create_domain_name(domainName=name, regionalCertificateArn=cert,
                                  endpointConfiguration={"types": ["REGIONAL"]}, securityPolicy="TLS_1_2")
        client.create_base_path_mapping(domainName=name, restApiId=api_id, stage="prod", basePath="v1")
    print("created %d custom domains in %.1f s" % (len(api_ids), time.monotonic() - started), file=sys.stderr)


if __name__ == "__main__":
    main()
