"""The national picture: public statistics, the hexagon map of England, timeliness and open data."""
