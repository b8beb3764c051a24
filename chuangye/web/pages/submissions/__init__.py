"""The 数据报送 / Submissions page (issue 10): cities and counties deliver their figures, cities review their
counties', the province accepts several into one new version or returns one."""
